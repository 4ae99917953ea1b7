package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The codec of one entity property: delegates every call and turns a value that cannot be
 * converted into an exception naming the entity, the property and the column, so a
 * failure deep in a row or a COPY stream says where it happened. Values out of the
 * column's range become {@link DataIntegrityViolationException}, other write failures
 * {@link InvalidDataAccessApiUsageException}, read failures
 * {@link DataRetrievalFailureException}; a {@link SQLException} keeps its SQLState (so
 * Spring translates it as before) with the column added to its message. Thread-safe.
 */
final class PropertyCodec implements ValueCodec {

	private final ValueCodec delegate;

	private final String where;

	PropertyCodec(ValueCodec delegate, PgPersistentProperty property) {
		this.delegate = delegate;
		this.where = "column \"" + property.columnName() + "\" (property "
				+ property.getOwner().getType().getSimpleName() + "." + property.getName() + " of type "
				+ property.getTypeInformation() + ")";
	}

	/** The codec this one names the column for. */
	ValueCodec delegate() {
		return this.delegate;
	}

	@Override
	public Class<?> javaType() {
		return this.delegate.javaType();
	}

	@Override
	public String pgType() {
		return this.delegate.pgType();
	}

	@Override
	public int oid() {
		return this.delegate.oid();
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		try {
			return this.delegate.read(rs, column);
		}
		catch (SQLException | RuntimeException ex) {
			Exception failure = readFailure(ex);
			if (failure instanceof SQLException sql) {
				throw sql;
			}
			throw (RuntimeException) failure;
		}
	}

	/**
	 * A failure to read this column, as this codec reports it: a {@link SQLException}
	 * keeps its SQLState with the column added to its message; a
	 * {@link DataAccessException} stays as it is; anything else becomes a
	 * {@link DataRetrievalFailureException} naming the column.
	 * @param ex what reading threw
	 * @return the exception to throw (a {@link SQLException} or a
	 * {@link RuntimeException})
	 */
	Exception readFailure(Exception ex) {
		if (ex instanceof SQLException sql) {
			return new SQLException("Cannot read " + this.where + ": " + sql.getMessage(), sql.getSQLState(), sql);
		}
		if (ex instanceof DataAccessException) {
			return ex;
		}
		return new DataRetrievalFailureException("Cannot read " + this.where + ": " + ex.getMessage(), ex);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		try {
			this.delegate.bind(ps, index, value);
		}
		catch (SQLException ex) {
			throw new SQLException("Cannot bind " + this.where + ": " + ex.getMessage(), ex.getSQLState(), ex);
		}
		catch (RuntimeException ex) {
			throw writeFailure(ex, value);
		}
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		try {
			this.delegate.writeBinary(out, value);
		}
		catch (RuntimeException ex) {
			throw writeFailure(ex, value);
		}
	}

	@Override
	public String toText(Object value) {
		try {
			return this.delegate.toText(value);
		}
		catch (RuntimeException ex) {
			throw writeFailure(ex, value);
		}
	}

	/**
	 * A failure to write a value, as this codec reports it: naming the column.
	 * @param ex what the delegate threw
	 * @param value the value
	 * @return the exception to throw
	 */
	RuntimeException writeFailure(RuntimeException ex, @Nullable Object value) {
		if (ex instanceof DataAccessException) {
			return ex;
		}
		String message = "Cannot write " + abbreviate(value) + " to " + this.where + ": " + ex.getMessage();
		if (ex instanceof ArithmeticException) {
			return new DataIntegrityViolationException(message, ex);
		}
		return new InvalidDataAccessApiUsageException(message, ex);
	}

	private static String abbreviate(@Nullable Object value) {
		String text = String.valueOf(value);
		return text.length() <= 100 ? text : text.substring(0, 100) + "...";
	}

	@Override
	public String toString() {
		return this.delegate + " for " + this.where;
	}

}
