package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Moves one Java type in and out of PostgreSQL: reads it from a result column and binds
 * it as a statement parameter. One codec per mapped type serves every path, so a value
 * written one way reads back identically the other. Implementations are stateless and
 * thread-safe.
 */
public interface ValueCodec {

	/** The Java type this codec reads and writes. */
	Class<?> javaType();

	/**
	 * The PostgreSQL type name used for arrays of this type ({@code int8}, {@code text},
	 * ...).
	 */
	String pgType();

	/**
	 * Reads a column.
	 * @param rs the result set, positioned on a row
	 * @param column the 1-based column index
	 * @return the value, or {@code null} for SQL NULL (primitive targets get their
	 * default from the caller)
	 */
	@Nullable Object read(ResultSet rs, int column) throws SQLException;

	/**
	 * Binds a parameter.
	 * @param ps the statement
	 * @param index the 1-based parameter index
	 * @param value the value, possibly {@code null}
	 */
	void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException;

	/**
	 * Writes a non-null value's payload in PostgreSQL's binary format, for binary COPY.
	 * The caller writes the field length around it ({@link BinaryOutput#beginField()}).
	 * @param out the COPY buffer
	 * @param value the value, never {@code null}
	 */
	void writeBinary(BinaryOutput out, Object value);

	/**
	 * The object id of the PostgreSQL type whose binary format {@link #writeBinary}
	 * produces (for example 20 for {@code int8}), as binary arrays name their element
	 * type; 0 when unknown (a codec for a user type), in which case column fitting trusts
	 * the codec with any column.
	 */
	default int oid() {
		return 0;
	}

	/**
	 * Formats a non-null value as PostgreSQL's input function for {@link #pgType()}
	 * accepts it; used for the elements of array parameters.
	 * @param value the value, never {@code null}
	 * @return its text form, never {@code null}
	 */
	default String toText(Object value) {
		return value.toString();
	}

}
