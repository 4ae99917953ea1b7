package io.databridge.postgres.internal.convert;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Builds, once per entity type and column layout, one method handle
 * {@code (ResultSet) -> entity} that reads each column with its own typed getter and
 * passes it straight to the constructor parameter or setter: no {@code Object[]} of the
 * row, no boxing of primitive columns, no lookup by name, and one call site per column
 * (after the JVM customizes a hot handle, each column's codec is a constant receiver, so
 * the calls are monomorphic and inlined instead of one megamorphic call shared by every
 * column).
 *
 * <p>
 * Column readers: a primitive property read by the built-in codec of its wrapper type
 * becomes {@code rs.getLong(column)} and the like (SQL NULL gives the getter's 0 or
 * {@code false}, which is the primitive default); a built-in codec calls its reader
 * function directly; any other codec is called through {@link ValueCodec#read}. Absent
 * columns (index 0) give the primitive default or {@code null}.
 *
 * <p>
 * Construction: a record's canonical constructor; or a class whose persistence
 * constructor takes exactly a sequence of mapped properties (or none), followed by a
 * setter or field write for each other writable property. Anything else returns
 * {@code null}, and the caller keeps Spring Data's instantiator.
 */
final class RowHandles {

	private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

	private static final MethodHandle CODEC_READ;

	private static final MethodHandle READER_READ;

	private static final MethodHandle OR_DEFAULT;

	private static final MethodHandle READ_FAILED;

	private static final Map<Class<?>, String> GETTERS = Map.of(long.class, "getLong", int.class, "getInt", short.class,
			"getShort", boolean.class, "getBoolean", double.class, "getDouble", float.class, "getFloat");

	static {
		try {
			MethodType read = MethodType.methodType(Object.class, ResultSet.class, int.class);
			CODEC_READ = LOOKUP.findVirtual(ValueCodec.class, "read", read);
			READER_READ = LOOKUP.findVirtual(SimpleCodec.Reader.class, "read", read);
			OR_DEFAULT = LOOKUP.findStatic(RowHandles.class, "orDefault",
					MethodType.methodType(Object.class, Object.class, Object.class));
			READ_FAILED = LOOKUP.findStatic(RowHandles.class, "readFailed",
					MethodType.methodType(Object.class, PropertyCodec.class, Exception.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private RowHandles() {
	}

	/**
	 * A handle {@code (ResultSet)Object} building one entity from the current row, or
	 * {@code null} when the type needs Spring Data's generic instantiator.
	 * @param type the entity type
	 * @param constructorParameters the properties the persistence constructor takes, in
	 * order, or {@code null} when it takes anything else
	 * @param properties the mapped properties
	 * @param codecs their codecs, by property index
	 * @param columns the 1-based column of each property, 0 when absent
	 */
	static @Nullable MethodHandle build(Class<?> type, @Nullable List<PgPersistentProperty> constructorParameters,
			List<PgPersistentProperty> properties, ValueCodec[] codecs, int[] columns) {
		if (constructorParameters == null || Modifier.isAbstract(type.getModifiers())) {
			return null;
		}
		try {
			Class<?>[] types = new Class<?>[constructorParameters.size()];
			MethodHandle[] readers = new MethodHandle[types.length];
			for (int p = 0; p < types.length; p++) {
				int i = properties.indexOf(constructorParameters.get(p));
				if (i < 0) {
					return null;
				}
				types[p] = properties.get(i).getType();
				readers[p] = column(codecs[i], columns[i], types[p]);
			}
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			MethodHandle create = MethodHandles.privateLookupIn(type, LOOKUP).unreflectConstructor(constructor);
			create = MethodHandles.filterArguments(create, 0, readers);
			create = MethodHandles.permuteArguments(create, MethodType.methodType(type, ResultSet.class),
					new int[types.length]);
			for (int i = 0; i < properties.size(); i++) {
				PgPersistentProperty property = properties.get(i);
				if (!constructorParameters.contains(property) && property.isWritable()) {
					MethodHandle setter = setter(type, property);
					if (setter == null) {
						return null;
					}
					create = thenSet(create, setter, column(codecs[i], columns[i], property.getType()), type);
				}
			}
			return create.asType(MethodType.methodType(Object.class, ResultSet.class));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// not accessible (a module boundary, say) or an unusual shape: the generic
			// instantiator still works
			return null;
		}
	}

	/** {@code rs -> { T t = create(rs); setter(t, reader(rs)); return t; }} */
	private static MethodHandle thenSet(MethodHandle create, MethodHandle setter, MethodHandle reader, Class<?> type) {
		MethodHandle set = MethodHandles.filterArguments(setter, 1, reader);
		MethodHandle returnTarget = MethodHandles.dropArguments(MethodHandles.identity(type), 1, ResultSet.class);
		MethodHandle setAndReturn = MethodHandles.foldArguments(returnTarget, set);
		return MethodHandles.foldArguments(setAndReturn, create);
	}

	private static @Nullable MethodHandle setter(Class<?> type, PgPersistentProperty property)
			throws IllegalAccessException {
		MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, LOOKUP);
		Method setter = property.getSetter();
		MethodHandle handle;
		if (setter != null && setter.getReturnType() == void.class) {
			handle = lookup.unreflect(setter);
		}
		else {
			Field field = property.getField();
			if (field == null || Modifier.isFinal(field.getModifiers()) || Modifier.isStatic(field.getModifiers())) {
				return null;
			}
			handle = lookup.unreflectSetter(field);
		}
		return handle.asType(MethodType.methodType(void.class, type, property.getType()));
	}

	/** A handle {@code (ResultSet) -> value of target type} for one column. */
	static MethodHandle column(ValueCodec codec, int column, Class<?> target) throws ReflectiveOperationException {
		Object fallback = EntityReader.primitiveDefault(target);
		if (column == 0) {
			return MethodHandles.dropArguments(MethodHandles.constant(Object.class, fallback), 0, ResultSet.class)
				.asType(MethodType.methodType(target, ResultSet.class));
		}
		// the codec that names the column wraps the built-in one: look through it, and
		// let its failures name the column
		PropertyCodec named = codec instanceof PropertyCodec wrapper ? wrapper : null;
		ValueCodec inner = named != null ? named.delegate() : codec;
		String getter = GETTERS.get(target);
		MethodHandle read;
		if (getter != null && inner instanceof SimpleCodec
				&& inner.javaType() == ClassUtils.resolvePrimitiveIfNecessary(target)) {
			read = MethodHandles.insertArguments(
					LOOKUP.findVirtual(ResultSet.class, getter, MethodType.methodType(target, int.class)), 1, column);
		}
		else {
			read = inner instanceof SimpleCodec simple ? READER_READ.bindTo(simple.reader()) : CODEC_READ.bindTo(inner);
			read = MethodHandles.insertArguments(read, 1, column);
			if (fallback != null) {
				read = MethodHandles.filterReturnValue(read, MethodHandles.insertArguments(OR_DEFAULT, 1, fallback));
			}
			read = read.asType(MethodType.methodType(target, ResultSet.class));
		}
		if (named != null) {
			MethodHandle failed = MethodHandles.insertArguments(READ_FAILED, 0, named)
				.asType(MethodType.methodType(target, Exception.class));
			read = MethodHandles.catchException(read, Exception.class,
					MethodHandles.dropArguments(failed, 1, ResultSet.class));
		}
		return read;
	}

	/** Throws what the column's codec makes of a failure to read it. */
	private static Object readFailed(PropertyCodec named, Exception ex) throws Exception {
		throw named.readFailure(ex);
	}

	private static @Nullable Object orDefault(@Nullable Object value, Object fallback) {
		return value != null ? value : fallback;
	}

}
