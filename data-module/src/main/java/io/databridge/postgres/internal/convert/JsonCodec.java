package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A value stored as a JSON document ({@code jsonb} by default, {@code json} when the
 * column says so), written and read with the application's Jackson {@link ObjectMapper}
 * for the property's full generic type ({@code List<Address>},
 * {@code Map<String, Object>}, a record, a {@link JsonNode}). Parameters travel as text
 * of unspecified type, so the server casts them to the column's {@code json} or
 * {@code jsonb}. In binary COPY a {@code jsonb} field is the format version byte 1
 * followed by the UTF-8 text; a {@code json} field is the text alone. Text jsonb cannot
 * store (a lone surrogate, a {@code \\u0000} escape) fails on write; a document beyond
 * Jackson's read limits (long names or numbers) that PostgreSQL stored is still read, by
 * a parser without those limits.
 *
 * <p>
 * Only loaded when Jackson is on the class path. Thread-safe, as the mapper is.
 */
final class JsonCodec implements ValueCodec {

	private final ObjectMapper mapper;

	private final ObjectMapper lenientReader;

	private final JavaType type;

	private final boolean jsonb;

	JsonCodec(ObjectMapper mapper, ObjectMapper lenientReader, JavaType type, boolean jsonb) {
		this.mapper = mapper;
		this.lenientReader = lenientReader;
		this.type = type;
		this.jsonb = jsonb;
	}

	/** This codec writing the {@code json} (not {@code jsonb}) binary format. */
	JsonCodec forJsonColumn() {
		return new JsonCodec(this.mapper, this.lenientReader, this.type, false);
	}

	@Override
	public Class<?> javaType() {
		return this.type.getRawClass();
	}

	@Override
	public String pgType() {
		return this.jsonb ? "jsonb" : "json";
	}

	@Override
	public int oid() {
		return this.jsonb ? PgTypes.JSONB : PgTypes.JSON;
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		String text = rs.getString(column);
		if (text == null) {
			return null;
		}
		try {
			if (this.type.isTypeOrSuperTypeOf(JsonNode.class)) {
				return this.mapper.readTree(text);
			}
			return this.mapper.readValue(text, this.type);
		}
		catch (StreamConstraintsException ex) {
			// what PostgreSQL stored is readable: parse it without Jackson's read limits,
			// then bind the tree with the application's mapper
			JsonNode tree = this.lenientReader.readTree(text);
			return this.type.isTypeOrSuperTypeOf(JsonNode.class) ? tree : this.mapper.treeToValue(tree, this.type);
		}
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.NULL);
		}
		else {
			ps.setObject(index, TextChecks.json(this.mapper.writeValueAsString(value), this.jsonb), Types.OTHER);
		}
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		if (this.jsonb) {
			out.writeByte(1);
		}
		// through the String form: Jackson's byte writer escapes a lone surrogate, which
		// the server then rejects without naming the column
		out.writeUtf8(TextChecks.json(this.mapper.writeValueAsString(value), this.jsonb));
	}

	@Override
	public String toText(Object value) {
		return TextChecks.json(this.mapper.writeValueAsString(value), this.jsonb);
	}

	@Override
	public String toString() {
		return "JSON codec for " + this.type;
	}

}
