package io.databridge.postgres.internal.mapping;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.PersistentEntity;
import org.springframework.util.ClassUtils;

/**
 * Builds the function that reads one property's value from an entity, once per property,
 * so that the hot write paths (binary COPY, batched inserts) need no Spring
 * {@code PersistentPropertyAccessor} per entity, whose creation costs a map lookup and a
 * reflective constructor call each time.
 *
 * <p>
 * What it reads is what Spring Data's accessor reads:
 * <ul>
 * <li>a record component: through its accessor method, compiled by
 * {@link LambdaMetafactory} into a class of its own, so the JIT inlines it like a plain
 * call;</li>
 * <li>a property with property access ({@code @AccessType(PROPERTY)}): through its
 * getter, the same way;</li>
 * <li>otherwise: the field itself, through a field-getter {@link MethodHandle}.</li>
 * </ul>
 * When the JVM refuses any of these (a class loader or module that does not let this
 * library look inside the entity), the property falls back to Spring's accessor, so the
 * result never differs, only the speed.
 */
final class PropertyReaders {

	private static final MethodType FUNCTION_FACTORY = MethodType.methodType(Function.class);

	private static final MethodType APPLY = MethodType.methodType(Object.class, Object.class);

	private PropertyReaders() {
	}

	/**
	 * The reader of a property.
	 * @param property the property
	 * @return a function from an instance of the property's owner to the property's
	 * value; thread-safe
	 */
	static Function<Object, @Nullable Object> create(PgPersistentProperty property) {
		Class<?> owner = property.getOwner().getType();
		try {
			Method getter = property.getGetter();
			if (getter != null && !Modifier.isStatic(getter.getModifiers())
					&& (owner.isRecord() || property.usePropertyAccess())) {
				return compiled(getter);
			}
			Field field = property.getField();
			if (field != null && !Modifier.isStatic(field.getModifiers())) {
				MethodHandle handle = MethodHandles.privateLookupIn(field.getDeclaringClass(), MethodHandles.lookup())
					.unreflectGetter(field)
					.asType(APPLY);
				return new FieldReader(handle);
			}
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// the JVM does not let us in; Spring's accessor can still read it
		}
		return accessorReader(property);
	}

	private static Function<Object, @Nullable Object> compiled(Method getter) throws ReflectiveOperationException {
		Class<?> declaring = getter.getDeclaringClass();
		MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
		MethodHandle handle = lookup.unreflect(getter);
		try {
			MethodType instantiated = MethodType
				.methodType(ClassUtils.resolvePrimitiveIfNecessary(getter.getReturnType()), declaring);
			@SuppressWarnings("unchecked")
			Function<Object, @Nullable Object> function = (Function<Object, @Nullable Object>) LambdaMetafactory
				.metafactory(lookup, "apply", FUNCTION_FACTORY, APPLY, handle, instantiated)
				.getTarget()
				.invokeExact();
			return function;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// no full-privilege lookup into the entity's module: the handle still works,
			// uninlined
			return new FieldReader(handle.asType(APPLY));
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Cannot compile the getter " + getter, ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Function<Object, @Nullable Object> accessorReader(PgPersistentProperty property) {
		PersistentEntity<Object, PgPersistentProperty> owner = (PersistentEntity<Object, PgPersistentProperty>) property
			.getOwner();
		return bean -> owner.getPropertyAccessor(bean).getProperty(property);
	}

	/** Reads through a method handle of type {@code (Object) Object}. */
	private record FieldReader(MethodHandle handle) implements Function<Object, @Nullable Object> {

		@Override
		public @Nullable Object apply(Object bean) {
			try {
				return this.handle.invokeExact(bean);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
