package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * How a partition gets its connection and what it does with it afterwards: a pooled connection of its own, run in
 * a transaction of its own and closed at the end; or one connection the caller already holds (the caller's
 * transaction, or a single pipelined COPY), used as it is and left open.
 */
interface ConnectionLease {

	/** Borrows a connection. */
	Connection acquire() throws SQLException;

	/** Gives it back. */
	void release(Connection connection);

	/** Whether the partition runs its work in a transaction of its own on that connection. */
	boolean ownTransaction();

	/** Each partition borrows its own connection from the pool and commits on its own. */
	static ConnectionLease pooled(DataSource dataSource) {
		return new ConnectionLease() {

			@Override
			public Connection acquire() throws SQLException {
				return dataSource.getConnection();
			}

			@Override
			public void release(Connection connection) {
				try {
					connection.close();
				}
				catch (SQLException ignored) {
					// a broken connection; the pool has evicted it
				}
			}

			@Override
			public boolean ownTransaction() {
				return true;
			}
		};
	}

	/** The one partition uses a connection the caller holds, in the caller's transaction or a transaction of its own. */
	static ConnectionLease held(Connection connection, boolean ownTransaction) {
		return new ConnectionLease() {

			@Override
			public Connection acquire() {
				return connection;
			}

			@Override
			public void release(Connection ignored) {
			}

			@Override
			public boolean ownTransaction() {
				return ownTransaction;
			}
		};
	}
}
