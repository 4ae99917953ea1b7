package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.core.EntityStatements;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The row encoders of the bulk inserter, built once per entity and kept: building one
 * reads the declared column types (a catalog query) and compiles its field writers, which
 * costs more than encoding a few thousand rows, and an encoder kept from one load to the
 * next runs the code the JIT has already compiled. Thread-safe.
 */
final class RowEncoders {

	private final BulkConnections connections;

	/** Per entity type, the codecs of its columns fitted to the declared column types. */
	private final Map<Class<?>, ValueCodec[]> fitted = new ConcurrentHashMap<>();

	private final Map<Key, RowEncoder<?>> encoders = new ConcurrentHashMap<>();

	RowEncoders(BulkConnections connections) {
		this.connections = connections;
	}

	/**
	 * The encoder of an entity's rows.
	 * @param statements the entity's statements
	 * @param joined whether the load runs in the caller's transaction (the column types
	 * are then read on its connection, which may see a table that transaction created)
	 * @param withId whether the rows carry their ids
	 * @param ordinal whether each row carries its input position
	 * @return the encoder, built at the first call
	 */
	@SuppressWarnings("unchecked")
	<T> RowEncoder<T> encoder(EntityStatements<T> statements, boolean joined, boolean withId, boolean ordinal) {
		Key key = new Key(statements, withId, ordinal);
		RowEncoder<?> encoder = this.encoders.get(key);
		if (encoder == null) {
			encoder = new RowEncoder<>(statements, fittedCodecs(statements, joined), withId, ordinal);
			RowEncoder<?> raced = this.encoders.putIfAbsent(key, encoder);
			encoder = (raced != null) ? raced : encoder;
		}
		return (RowEncoder<T>) encoder;
	}

	/**
	 * The codecs of an entity's columns fitted to the declared column types, read once
	 * per entity type.
	 */
	private ValueCodec[] fittedCodecs(EntityStatements<?> statements, boolean joined) {
		Class<?> type = statements.entity().getType();
		ValueCodec[] codecs = this.fitted.get(type);
		if (codecs != null) {
			return codecs;
		}
		DataSource dataSource = this.connections.dataSource();
		Connection connection = joined ? DataSourceUtils.getConnection(dataSource) : this.connections.borrow();
		try {
			codecs = statements.codecRegistry().forColumns(statements.entity(), connection);
		}
		catch (SQLException ex) {
			throw new SqlFailure("read the column types of " + statements.entity().tableName(), -1, ex);
		}
		finally {
			if (joined) {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
			else {
				BulkConnections.close(connection);
			}
		}
		this.fitted.put(type, codecs);
		return codecs;
	}

	/**
	 * Which encoder: the entity's statements, whether rows carry ids, whether ordinals.
	 */
	private record Key(EntityStatements<?> statements, boolean withId, boolean ordinal) {
	}

}
