package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.MappingException;
import org.springframework.util.ClassUtils;

/**
 * The registry of {@link ValueCodec}s: one per Java type, looked up once when an entity's mapper
 * or statements are built, never per row. Thread-safe.
 */
public final class ValueCodecs {

	private final Map<Class<?>, ValueCodec> codecs = new ConcurrentHashMap<>();

	/** Creates a registry with the built-in codecs. */
	public ValueCodecs() {
		register(SimpleCodec.primitive(Long.class, "int8", Types.BIGINT, (rs, c) -> rs.getLong(c),
				(ps, i, v) -> ps.setLong(i, ((Number) v).longValue()),
				(out, v) -> out.writeLong(((Number) v).longValue())));
		register(SimpleCodec.primitive(Integer.class, "int4", Types.INTEGER, (rs, c) -> rs.getInt(c),
				(ps, i, v) -> ps.setInt(i, ((Number) v).intValue()),
				(out, v) -> out.writeInt(((Number) v).intValue())));
		register(SimpleCodec.primitive(Short.class, "int2", Types.SMALLINT, (rs, c) -> rs.getShort(c),
				(ps, i, v) -> ps.setShort(i, ((Number) v).shortValue()),
				(out, v) -> out.writeShort(((Number) v).shortValue())));
		register(SimpleCodec.primitive(Boolean.class, "bool", Types.BOOLEAN, (rs, c) -> rs.getBoolean(c),
				(ps, i, v) -> ps.setBoolean(i, (Boolean) v),
				(out, v) -> out.writeByte((Boolean) v ? 1 : 0)));
		register(SimpleCodec.primitive(Double.class, "float8", Types.DOUBLE, (rs, c) -> rs.getDouble(c),
				(ps, i, v) -> ps.setDouble(i, ((Number) v).doubleValue()),
				(out, v) -> out.writeLong(Double.doubleToRawLongBits(((Number) v).doubleValue()))));
		register(SimpleCodec.primitive(Float.class, "float4", Types.REAL, (rs, c) -> rs.getFloat(c),
				(ps, i, v) -> ps.setFloat(i, ((Number) v).floatValue()),
				(out, v) -> out.writeInt(Float.floatToRawIntBits(((Number) v).floatValue()))));
		register(new SimpleCodec(String.class, "text", Types.VARCHAR, (rs, c) -> rs.getString(c),
				(ps, i, v) -> ps.setString(i, (String) v),
				(out, v) -> out.writeUtf8((String) v)));
		register(new SimpleCodec(BigDecimal.class, "numeric", Types.NUMERIC, (rs, c) -> rs.getBigDecimal(c),
				(ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v),
				(out, v) -> BinaryFormats.numeric(out, (BigDecimal) v)));
		register(new SimpleCodec(BigInteger.class, "numeric", Types.NUMERIC, (rs, c) -> {
			BigDecimal value = rs.getBigDecimal(c);
			return value == null ? null : value.toBigIntegerExact();
		}, (ps, i, v) -> ps.setBigDecimal(i, new BigDecimal((BigInteger) v)),
				(out, v) -> BinaryFormats.numeric(out, new BigDecimal((BigInteger) v))));
		register(new SimpleCodec(UUID.class, "uuid", Types.OTHER, (rs, c) -> rs.getObject(c, UUID.class),
				(ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.uuid(out, (UUID) v)));
		register(new SimpleCodec(Instant.class, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, (rs, c) -> {
			OffsetDateTime value = rs.getObject(c, OffsetDateTime.class);
			return value == null ? null : value.toInstant();
		}, (ps, i, v) -> ps.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC)),
				(out, v) -> BinaryFormats.instant(out, (Instant) v)));
		register(new SimpleCodec(OffsetDateTime.class, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE,
				(rs, c) -> rs.getObject(c, OffsetDateTime.class), (ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.instant(out, ((OffsetDateTime) v).toInstant())));
		register(new SimpleCodec(LocalDateTime.class, "timestamp", Types.TIMESTAMP,
				(rs, c) -> rs.getObject(c, LocalDateTime.class), (ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.localDateTime(out, (LocalDateTime) v)));
		register(new SimpleCodec(LocalDate.class, "date", Types.DATE, (rs, c) -> rs.getObject(c, LocalDate.class),
				(ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.localDate(out, (LocalDate) v)));
		register(new SimpleCodec(LocalTime.class, "time", Types.TIME, (rs, c) -> rs.getObject(c, LocalTime.class),
				(ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.localTime(out, (LocalTime) v)));
		register(new SimpleCodec(byte[].class, "bytea", Types.BINARY, (rs, c) -> rs.getBytes(c),
				(ps, i, v) -> ps.setBytes(i, (byte[]) v),
				(out, v) -> out.write((byte[]) v)));
	}

	/**
	 * Adds or replaces the codec for its Java type.
	 * @param codec the codec
	 */
	public void register(ValueCodec codec) {
		this.codecs.put(codec.javaType(), codec);
	}

	/**
	 * Returns the codec for a type, or {@code null} when the type has no mapping.
	 * @param type a Java type; primitives resolve to their wrapper's codec
	 */
	public @Nullable ValueCodec find(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		ValueCodec codec = this.codecs.get(boxed);
		if (codec == null && boxed.isEnum()) {
			codec = this.codecs.computeIfAbsent(boxed, EnumCodec::new);
		}
		return codec;
	}

	/**
	 * Returns the codec for a property.
	 * @throws MappingException naming the entity, the property and its type when there is none
	 */
	public ValueCodec forProperty(PgPersistentProperty property) {
		if (property.isReference()) {
			ValueCodec idCodec = find(property.referenceIdType());
			if (idCodec == null) {
				throw new MappingException("No PostgreSQL mapping for the id type " + property.referenceIdType().getName()
						+ " of reference '" + property.getName() + "' on entity " + property.getOwner().getType().getName());
			}
			return new RefCodec(idCodec);
		}
		ValueCodec codec = find(property.getType());
		if (codec == null) {
			throw new MappingException("No PostgreSQL mapping for property '" + property.getName() + "' of type "
					+ property.getTypeInformation() + " on entity " + property.getOwner().getType().getName()
					+ "; annotate it with @Transient, or register a converter");
		}
		return codec;
	}

	/**
	 * Returns the codec for a value's runtime type.
	 * @throws IllegalArgumentException naming the type when there is none
	 */
	public ValueCodec forValue(Object value) {
		ValueCodec codec = find(value.getClass());
		if (codec == null) {
			throw new IllegalArgumentException("No PostgreSQL mapping for values of type " + value.getClass().getName());
		}
		return codec;
	}
}
