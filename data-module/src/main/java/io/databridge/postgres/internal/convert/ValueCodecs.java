package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.mapping.PgCodecs;
import io.databridge.postgres.mapping.PgConverters;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.domain.Vector;
import org.springframework.data.mapping.MappingException;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The registry of {@link ValueCodec}s, looked up once when an entity's mapper or
 * statements are built, never per row. Codecs are chosen per property
 * ({@link #forProperty}): {@code @Jsonb} first, then its type's converters
 * ({@link PgConverters}), then Jackson trees and maps (as {@code jsonb}), then the
 * built-in codec of its class (or enum), then {@code List<T>}, {@code Set<T>} and
 * {@code T[]} as one-dimensional arrays of {@code T}'s codec. Query arguments are matched
 * by runtime type ({@link #forValue}).
 *
 * <p>
 * The mappings: {@code boolean}, {@code short}/{@code int}/{@code long} (and wrappers) to
 * {@code smallint}/{@code integer}/{@code bigint}, {@code float}/{@code double} to
 * {@code real}/{@code double precision} (NaN and infinities included), {@code BigDecimal}
 * and {@code BigInteger} to {@code numeric}, {@code String} and {@code char} to the text
 * types, {@code byte[]} to {@code bytea}, {@code UUID}, {@code LocalDate} to
 * {@code date}, {@code LocalTime} to {@code time}, {@code LocalDateTime} to
 * {@code timestamp}, {@code Instant} and {@code OffsetDateTime} to {@code timestamptz}
 * (stored as the instant; read back at UTC), {@code Duration} and {@code Period} to
 * {@code interval}, enums to their name (text or a PostgreSQL enum), Jackson documents to
 * {@code jsonb}/{@code json} (a {@code @Jsonb String} is the document's text, passed
 * through as it is).
 *
 * <p>
 * Column types: codecs chosen by Java type are fitted to the database's declared column
 * types by {@link #forColumns}, which reads them once per entity
 * ({@code SELECT cols FROM t WHERE false}): binary COPY needs the column's exact format,
 * and integers are range-checked against the column before they are sent. Writers of
 * binary COPY must use those codecs, not {@link #forProperty}'s.
 *
 * <p>
 * Thread-safe.
 */
public final class ValueCodecs implements PgCodecs {

	private final Map<Class<?>, ValueCodec> codecs = new ConcurrentHashMap<>();

	private final Map<Class<?>, ValueCodec> jsonByClass = new ConcurrentHashMap<>();

	private final PgConverters converters;

	private final @Nullable JacksonJson json;

	/**
	 * Creates a registry with the built-in codecs, no converters, and a default Jackson
	 * {@code JsonMapper} for JSON properties when Jackson is on the class path.
	 */
	public ValueCodecs() {
		this(PgConverters.none(), defaultJson());
	}

	/**
	 * Creates a registry with the built-in codecs and the application's converters; JSON
	 * as in {@link #ValueCodecs()}.
	 * @param converters the converters, not {@code null}
	 */
	public ValueCodecs(PgConverters converters) {
		this(converters, defaultJson());
	}

	/**
	 * Creates a registry with the built-in codecs, the application's converters and its
	 * Jackson mapper (callers must have Jackson on the class path to call this).
	 * @param converters the converters, not {@code null}
	 * @param objectMapper the mapper for JSON properties and arguments, or {@code null}
	 * for a default one
	 */
	public ValueCodecs(PgConverters converters, @Nullable ObjectMapper objectMapper) {
		this(converters, objectMapper == null ? JacksonJson.createDefault() : new JacksonJson(objectMapper));
	}

	private static @Nullable JacksonJson defaultJson() {
		return ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", ValueCodecs.class.getClassLoader())
				? JacksonJson.createDefault() : null;
	}

	private ValueCodecs(PgConverters converters, @Nullable JacksonJson json) {
		Assert.notNull(converters, "Converters must not be null");
		this.converters = converters;
		this.json = json;
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
				(ps, i, v) -> ps.setBoolean(i, (Boolean) v), (out, v) -> out.writeByte((Boolean) v ? 1 : 0)));
		register(SimpleCodec.primitive(Double.class, "float8", Types.DOUBLE, (rs, c) -> rs.getDouble(c),
				(ps, i, v) -> ps.setDouble(i, ((Number) v).doubleValue()),
				(out, v) -> out.writeLong(Double.doubleToLongBits(((Number) v).doubleValue()))));
		register(SimpleCodec.primitive(Float.class, "float4", Types.REAL, (rs, c) -> rs.getFloat(c),
				(ps, i, v) -> ps.setFloat(i, ((Number) v).floatValue()),
				(out, v) -> out.writeInt(Float.floatToIntBits(((Number) v).floatValue()))));
		register(new SimpleCodec(String.class, "text", Types.VARCHAR, (rs, c) -> rs.getString(c),
				(ps, i, v) -> ps.setString(i, TextChecks.text((String) v)), (out, v) -> out.writeText((String) v)));
		register(new SimpleCodec(BigDecimal.class, "numeric", Types.NUMERIC, (rs, c) -> rs.getBigDecimal(c),
				(ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v),
				(out, v) -> BinaryFormats.numeric(out, (BigDecimal) v)));
		register(new SimpleCodec(BigInteger.class, "numeric", Types.NUMERIC, (rs, c) -> {
			BigDecimal value = rs.getBigDecimal(c);
			return value == null ? null : value.toBigIntegerExact();
		}, (ps, i, v) -> ps.setBigDecimal(i, new BigDecimal((BigInteger) v)),
				(out, v) -> BinaryFormats.numeric(out, new BigDecimal((BigInteger) v))));
		register(new SimpleCodec(UUID.class, "uuid", Types.OTHER, (rs, c) -> rs.getObject(c, UUID.class),
				(ps, i, v) -> ps.setObject(i, v), (out, v) -> BinaryFormats.uuid(out, (UUID) v)));
		register(new SimpleCodec(Instant.class, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, (rs, c) -> {
			OffsetDateTime value = temporal(rs, c, OffsetDateTime.class);
			return value == null ? null : value.toInstant();
		}, (ps, i, v) -> ps.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC)),
				(out, v) -> BinaryFormats.instant(out, (Instant) v))
			.withText(TemporalTexts::instant));
		register(new SimpleCodec(OffsetDateTime.class, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE,
				(rs, c) -> temporal(rs, c, OffsetDateTime.class), (ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.instant(out, ((OffsetDateTime) v).toInstant()))
			.withText(TemporalTexts::instant));
		register(new SimpleCodec(LocalDateTime.class, "timestamp", Types.TIMESTAMP,
				(rs, c) -> temporal(rs, c, LocalDateTime.class), (ps, i, v) -> ps.setObject(i, v),
				(out, v) -> BinaryFormats.localDateTime(out, (LocalDateTime) v))
			.withText(TemporalTexts::dateTime));
		register(new SimpleCodec(LocalDate.class, "date", Types.DATE, (rs, c) -> temporal(rs, c, LocalDate.class),
				(ps, i, v) -> ps.setObject(i, v), (out, v) -> BinaryFormats.localDate(out, (LocalDate) v))
			.withText(TemporalTexts::date));
		register(new SimpleCodec(LocalTime.class, "time", Types.TIME, (rs, c) -> rs.getObject(c, LocalTime.class),
				(ps, i, v) -> ps.setObject(i, v), (out, v) -> BinaryFormats.localTime(out, (LocalTime) v)));
		register(new SimpleCodec(byte[].class, "bytea", Types.BINARY, (rs, c) -> rs.getBytes(c),
				(ps, i, v) -> ps.setBytes(i, (byte[]) v), (out, v) -> out.write((byte[]) v))
			.withText(v -> "\\x" + HexFormat.of().formatHex((byte[]) v)));
		register(new SimpleCodec(Character.class, "text", Types.VARCHAR, ValueCodecs::readCharacter,
				(ps, i, v) -> ps.setString(i, v.toString()), (out, v) -> out.writeUtf8(v.toString())));
		register(IntervalCodecs.duration());
		register(IntervalCodecs.period());
		register(VectorCodec.of(Vector.class));
	}

	/**
	 * pgjdbc's temporal reader, falling back to parsing the text for the BC values it
	 * rejects (February 29 of BC leap years).
	 */
	private static <T> @Nullable T temporal(java.sql.ResultSet rs, int column, Class<T> type) throws SQLException {
		try {
			return rs.getObject(column, type);
		}
		catch (java.time.DateTimeException ex) {
			OffsetDateTime parsed = TemporalTexts.parse(rs.getString(column));
			Object value = type == LocalDate.class ? parsed.toLocalDate() : type == LocalDateTime.class
					? parsed.toLocalDateTime() : parsed.withOffsetSameInstant(ZoneOffset.UTC);
			return type.cast(value);
		}
	}

	private static @Nullable Object readCharacter(java.sql.ResultSet rs, int column) throws SQLException {
		String text = rs.getString(column);
		if (text == null) {
			return null;
		}
		if (text.length() != 1) {
			throw new IllegalArgumentException(
					"'" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "' is not a single character");
		}
		return text.charAt(0);
	}

	/**
	 * Adds or replaces the codec for its Java type.
	 * @param codec the codec
	 */
	public void register(ValueCodec codec) {
		this.codecs.put(codec.javaType(), codec);
	}

	@Override
	public PgConverters converters() {
		return this.converters;
	}

	@Override
	public boolean supports(Class<?> type) {
		return find(type) != null;
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
		if (codec == null && Vector.class.isAssignableFrom(boxed)) {
			codec = this.codecs.get(Vector.class);
		}
		return codec;
	}

	/**
	 * Returns the codec for a property, chosen from its full type: {@code @Jsonb},
	 * converters, JSON documents, built-in scalars, and {@code List<T>} / {@code T[]} of
	 * a scalar {@code T}. The codec names the property and its column in every conversion
	 * failure.
	 * @throws MappingException naming the entity, the property and its type when there is
	 * none
	 */
	public ValueCodec forProperty(PgPersistentProperty property) {
		return new PropertyCodec(resolve(property), property);
	}

	/**
	 * Returns the codec for a property fitted to its column's declared type (see
	 * {@link ColumnCodecs}): integers written at the column's width after a range check,
	 * JSON in the column's flavour, arrays with the column's element type.
	 * @throws MappingException naming the entity, the property and its type when there is
	 * no mapping
	 */
	public ValueCodec forColumn(PgPersistentProperty property, ColumnType column) {
		return new PropertyCodec(ColumnCodecs.adapt(resolve(property), column, describe(property)), property);
	}

	/**
	 * Returns the codecs of an entity's columns ({@link PgPersistentEntity#columns()}
	 * order), fitted to the column types read from the database through the given
	 * connection. Callers keep the result: it costs one round trip.
	 * @throws SQLException when the table or a column does not exist
	 * @throws MappingException when a property has no mapping
	 */
	public ValueCodec[] forColumns(PgPersistentEntity<?> entity, Connection connection) throws SQLException {
		Map<String, ColumnType> types = ColumnTypes.read(connection, entity);
		List<PgPersistentProperty> properties = entity.columns();
		ValueCodec[] result = new ValueCodec[properties.size()];
		for (int i = 0; i < result.length; i++) {
			PgPersistentProperty property = properties.get(i);
			result[i] = forColumn(property, types.get(property.columnName()));
		}
		return result;
	}

	private ValueCodec resolve(PgPersistentProperty property) {
		if (property.isReference()) {
			ValueCodec idCodec = find(property.referenceIdType());
			if (idCodec == null) {
				throw new MappingException("No PostgreSQL mapping for the id type "
						+ property.referenceIdType().getName() + " of reference '" + property.getName() + "' on entity "
						+ property.getOwner().getType().getName());
			}
			return new RefCodec(idCodec);
		}
		TypeInformation<?> type = property.getTypeInformation();
		Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(type.getType());
		if (property.isVector()) {
			return vector(property, raw);
		}
		if (property.isJsonb() && raw == String.class) {
			return ColumnCodecs.jsonText(this.codecs.get(String.class));
		}
		if (property.isJsonb()) {
			return requireJson(property).codec(type.toTypeDescriptor().getResolvableType().getType());
		}
		if (hasConverter(raw)) {
			return converting(raw, property);
		}
		if (this.json != null && JacksonJson.isJsonByNature(raw)) {
			return this.json.codec(type.toTypeDescriptor().getResolvableType().getType());
		}
		ValueCodec codec = find(raw);
		if (codec != null) {
			return codec;
		}
		if (raw.isArray() || raw == List.class || raw == Collection.class || raw == Set.class) {
			TypeInformation<?> elementType = type.getComponentType();
			ValueCodec elementCodec = elementType == null ? null : element(elementType, property);
			if (elementCodec != null) {
				return raw.isArray() ? ArrayCodec.ofArray(elementCodec, raw.getComponentType())
						: raw == Set.class ? ArrayCodec.ofSet(elementCodec) : ArrayCodec.ofList(elementCodec);
			}
		}
		throw new MappingException("No PostgreSQL mapping for property '" + property.getName() + "' of type "
				+ property.getTypeInformation() + " on entity " + property.getOwner().getType().getName()
				+ "; annotate it with @Jsonb to store it as JSON, with @Transient to skip it, or register converters"
				+ " for its type in PgConverters");
	}

	private static ValueCodec vector(PgPersistentProperty property, Class<?> raw) {
		if (raw != float[].class && raw != Vector.class) {
			throw new MappingException("Property '" + property.getName() + "' on entity "
					+ property.getOwner().getType().getName() + " is a @VectorColumn of type " + raw.getName()
					+ "; a vector property must be a float[] or a " + Vector.class.getName());
		}
		PgPersistentEntity<?> owner = (PgPersistentEntity<?>) property.getOwner();
		return VectorCodec.of(raw)
			.forColumn(new ColumnTypes.Location(property.columnName(), owner.schema(), owner.tableName()));
	}

	private @Nullable ValueCodec element(TypeInformation<?> type, PgPersistentProperty property) {
		Class<?> element = ClassUtils.resolvePrimitiveIfNecessary(type.getType());
		if (hasConverter(element)) {
			return converting(element, property);
		}
		if (this.json != null && JacksonJson.isJsonByNature(element)) {
			return this.json.codec(type.toTypeDescriptor().getResolvableType().getType());
		}
		return find(type.getType());
	}

	private JacksonJson requireJson(PgPersistentProperty property) {
		if (this.json == null) {
			throw new MappingException("Property '" + property.getName() + "' on entity "
					+ property.getOwner().getType().getName() + " is stored as JSON, which needs Jackson 3"
					+ " (tools.jackson.core:jackson-databind) on the class path");
		}
		return this.json;
	}

	private boolean hasConverter(Class<?> type) {
		return this.converters.storeType(type) != null || this.converters.reader(type) != null;
	}

	private ValueCodec converting(Class<?> type, PgPersistentProperty property) {
		Class<?> store = this.converters.storeType(type);
		Class<?> source = this.converters.readerSource(type);
		String where = "property '" + property.getName() + "' of type " + type.getName() + " on entity "
				+ property.getOwner().getType().getName();
		if (store == null || source == null) {
			throw new MappingException(
					"PgConverters has a " + (store == null ? "reading" : "writing") + " converter for " + where
							+ " but no " + (store == null ? "writing" : "reading") + " one; a property needs both");
		}
		if (store != source) {
			throw new MappingException("The converters for " + where + " disagree on the stored type: writing to "
					+ store.getName() + ", reading from " + source.getName());
		}
		ValueCodec storeCodec = find(store);
		if (storeCodec == null) {
			throw new MappingException("The converters for " + where + " store it as " + store.getName()
					+ ", which has no PostgreSQL mapping");
		}
		return new ConvertingCodec(type, storeCodec, this.converters.writer(type), this.converters.reader(type));
	}

	private static String describe(PgPersistentProperty property) {
		return property.getOwner().getType().getSimpleName() + "." + property.getName() + " ("
				+ property.getTypeInformation() + ")";
	}

	/**
	 * Returns the codec for a value's runtime type: converters (writing side), built-in
	 * scalars and enums, Jackson trees and maps as {@code jsonb}, and collections and
	 * arrays as arrays of their first non-null element's codec (an array with no non-null
	 * element is bound untyped, for the server to type from the context).
	 * @throws IllegalArgumentException naming the type when there is none
	 */
	public ValueCodec forValue(Object value) {
		ValueCodec codec = scalarForValue(value);
		if (codec != null) {
			return codec;
		}
		if (value instanceof Collection<?> || value.getClass().isArray()) {
			Object first = firstNonNull(value);
			if (first == null) {
				return ArrayCodec.untyped(this.codecs.get(String.class));
			}
			ValueCodec element = scalarForValue(first);
			if (element != null) {
				return value instanceof Collection<?> ? ArrayCodec.ofList(element)
						: ArrayCodec.ofArray(element, value.getClass().getComponentType());
			}
			throw new IllegalArgumentException(
					"No PostgreSQL mapping for array elements of type " + first.getClass().getName());
		}
		throw new IllegalArgumentException("No PostgreSQL mapping for values of type " + value.getClass().getName());
	}

	private @Nullable ValueCodec scalarForValue(Object value) {
		Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
		Converter<Object, Object> writer = this.converters.writer(type);
		if (writer != null) {
			Class<?> store = this.converters.storeType(type);
			ValueCodec storeCodec = store == null ? null : find(store);
			if (storeCodec == null) {
				throw new IllegalArgumentException("The writing converter for " + type.getName() + " stores it as "
						+ store + ", which has no PostgreSQL mapping");
			}
			return new ConvertingCodec(type, storeCodec, writer, this.converters.reader(type));
		}
		ValueCodec codec = find(type);
		if (codec == null && this.json != null && JacksonJson.isJsonByNature(type)) {
			JacksonJson jackson = this.json;
			codec = this.jsonByClass.computeIfAbsent(type, jackson::codec);
		}
		return codec;
	}

	private static @Nullable Object firstNonNull(Object value) {
		if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (element != null) {
					return element;
				}
			}
			return null;
		}
		int length = java.lang.reflect.Array.getLength(value);
		for (int i = 0; i < length; i++) {
			Object element = java.lang.reflect.Array.get(value, i);
			if (element != null) {
				return element;
			}
		}
		return null;
	}

}
