package io.databridge.postgres.internal.convert;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Compiles the fields of one binary COPY row into one method handle
 * {@code (BinaryOutput, entity) -> void}: each column reads its property straight from
 * the entity (record accessor, getter or field, as Spring Data's accessor would) and
 * writes it with its own codec, so encoding a row makes no call through
 * {@code PgPersistentProperty}, boxes no primitive column read by a built-in codec, and
 * has one call site per column instead of one megamorphic call shared by every column.
 *
 * <p>
 * Each field is written as PostgreSQL's binary COPY format wants it: a 32-bit length
 * ({@code -1} for NULL) and the codec's payload. The row header and any trailing fields
 * are the caller's.
 */
public final class FieldWriters {

	private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

	private static final MethodType WRITER = MethodType.methodType(void.class, BinaryOutput.class, Object.class);

	private static final MethodHandle ENCODER_FIELD;

	private static final MethodHandle NAMED_FIELD;

	static {
		try {
			ENCODER_FIELD = LOOKUP.findStatic(FieldWriters.class, "field",
					MethodType.methodType(void.class, SimpleCodec.Encoder.class, BinaryOutput.class, Object.class));
			NAMED_FIELD = LOOKUP.findStatic(FieldWriters.class, "field", MethodType.methodType(void.class,
					SimpleCodec.Encoder.class, PropertyCodec.class, BinaryOutput.class, Object.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private FieldWriters() {
	}

	/**
	 * The writer of a row's fields, or {@code null} when a property cannot be read
	 * directly (the caller keeps its generic loop).
	 * @param type the entity type
	 * @param properties the columns' properties, in field order
	 * @param codecs their codecs
	 * @return a handle of type {@code (BinaryOutput, Object) void}, or {@code null}
	 */
	public static @Nullable MethodHandle compile(Class<?> type, List<PgPersistentProperty> properties,
			List<ValueCodec> codecs) {
		try {
			MethodHandle row = null;
			for (int i = properties.size() - 1; i >= 0; i--) {
				MethodHandle field = field(type, properties.get(i), codecs.get(i));
				if (field == null) {
					return null;
				}
				row = row == null ? field : MethodHandles.foldArguments(row, field);
			}
			return row;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// not accessible (a module boundary, say): the generic loop still works
			return null;
		}
	}

	private static @Nullable MethodHandle field(Class<?> type, PgPersistentProperty property, ValueCodec codec)
			throws ReflectiveOperationException {
		MethodHandle getter = getter(type, property);
		if (getter == null) {
			return null;
		}
		Class<?> valueType = getter.type().returnType();
		// the codec that names the column wraps the built-in one: look through it
		PropertyCodec named = codec instanceof PropertyCodec wrapper ? wrapper : null;
		ValueCodec inner = named != null ? named.delegate() : codec;
		if (valueType.isPrimitive() && inner instanceof SimpleCodec
				&& inner.javaType() == ClassUtils.resolvePrimitiveIfNecessary(valueType)) {
			// a primitive in its own built-in codec cannot fail: written unboxed
			MethodHandle write = primitiveWriter(valueType);
			if (write != null) {
				return MethodHandles.filterArguments(write, 1, getter).asType(WRITER);
			}
		}
		// a built-in codec's encoder function directly (failures named by the property's
		// codec); any other codec through a lambda of its own, so that each column's call
		// site sees one constant receiver either way
		MethodHandle write;
		if (inner instanceof SimpleCodec simple) {
			write = (named != null) ? MethodHandles.insertArguments(NAMED_FIELD, 0, simple.encoder(), named)
					: ENCODER_FIELD.bindTo(simple.encoder());
		}
		else {
			SimpleCodec.Encoder encoder = codec::writeBinary;
			write = ENCODER_FIELD.bindTo(encoder);
		}
		return MethodHandles.filterArguments(write, 1, getter.asType(MethodType.methodType(Object.class, type)))
			.asType(WRITER);
	}

	/** The property's read as {@code (type) valueType}, or {@code null}. */
	private static @Nullable MethodHandle getter(Class<?> type, PgPersistentProperty property)
			throws ReflectiveOperationException {
		MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, LOOKUP);
		Method getter = property.getGetter();
		if (getter != null && !Modifier.isStatic(getter.getModifiers())
				&& (type.isRecord() || property.usePropertyAccess())) {
			return lookup.unreflect(getter).asType(MethodType.methodType(getter.getReturnType(), type));
		}
		Field field = property.getField();
		if (field != null && !Modifier.isStatic(field.getModifiers())) {
			return MethodHandles.privateLookupIn(field.getDeclaringClass(), LOOKUP)
				.unreflectGetter(field)
				.asType(MethodType.methodType(field.getType(), type));
		}
		return null;
	}

	private static @Nullable MethodHandle primitiveWriter(Class<?> valueType) throws ReflectiveOperationException {
		String name = valueType == long.class ? "int8"
				: valueType == int.class ? "int4" : valueType == short.class ? "int2" : valueType == double.class
						? "float8" : valueType == float.class ? "float4" : valueType == boolean.class ? "bool" : null;
		return name == null ? null : LOOKUP.findStatic(FieldWriters.class, name,
				MethodType.methodType(void.class, BinaryOutput.class, valueType));
	}

	private static void field(SimpleCodec.Encoder encoder, BinaryOutput out, @Nullable Object value) {
		if (value == null) {
			out.writeNull();
		}
		else {
			int mark = out.beginField();
			encoder.write(out, value);
			out.endField(mark);
		}
	}

	private static void field(SimpleCodec.Encoder encoder, PropertyCodec named, BinaryOutput out,
			@Nullable Object value) {
		if (value == null) {
			out.writeNull();
		}
		else {
			int mark = out.beginField();
			try {
				encoder.write(out, value);
			}
			catch (RuntimeException ex) {
				throw named.writeFailure(ex, value);
			}
			out.endField(mark);
		}
	}

	private static void int8(BinaryOutput out, long value) {
		out.writeInt(8);
		out.writeLong(value);
	}

	private static void int4(BinaryOutput out, int value) {
		out.writeInt(4);
		out.writeInt(value);
	}

	private static void int2(BinaryOutput out, short value) {
		out.writeInt(2);
		out.writeShort(value);
	}

	private static void float8(BinaryOutput out, double value) {
		out.writeInt(8);
		out.writeLong(Double.doubleToLongBits(value));
	}

	private static void float4(BinaryOutput out, float value) {
		out.writeInt(4);
		out.writeInt(Float.floatToIntBits(value));
	}

	private static void bool(BinaryOutput out, boolean value) {
		out.writeInt(1);
		out.writeByte(value ? 1 : 0);
	}

}
