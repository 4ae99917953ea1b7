package io.databridge.postgres.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations data-bridge makes, and their keys: one per statement it executes and
 * one per bulk insert. Made only when an {@code ObservationRegistry} is set (Boot's, when
 * its observation auto-configuration is on); with none, no observation object is created.
 */
public enum PgObservationDocumentation implements ObservationDocumentation {

	/**
	 * One statement executed by a repository, a {@code PgTemplate} call or a bulk insert.
	 */
	STATEMENT {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultPgStatementObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return StatementKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { StatementHighCardinalityKeys.STATEMENT };
		}
	},

	/** One {@code @BulkInsert} call or {@code insertAll}: binary COPY of many rows. */
	BULK_INSERT {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultPgBulkObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return BulkKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return BulkHighCardinalityKeys.values();
		}
	};

	/** Low-cardinality keys of {@link #STATEMENT}. */
	public enum StatementKeys implements KeyName {

		/**
		 * {@code select}, {@code insert}, {@code update}, {@code delete} or {@code copy}.
		 */
		OPERATION {
			@Override
			public String asString() {
				return "db.operation";
			}
		},

		/** The table (or, for a user's {@code @Query}, the repository's entity table). */
		TABLE {
			@Override
			public String asString() {
				return "db.sql.table";
			}
		},

		/** {@code success} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Where the statement's connection went, {@code primary} or {@code replica}:
		 * present on every statement when the DataSource is a
		 * {@code ReadRoutingDataSource}, absent otherwise.
		 */
		ROUTE {
			@Override
			public String asString() {
				return "databridge.route";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		}

	}

	/** High-cardinality keys of {@link #STATEMENT}. */
	public enum StatementHighCardinalityKeys implements KeyName {

		/** The SQL text with its {@code ?} markers; bind values never appear. */
		STATEMENT {
			@Override
			public String asString() {
				return "db.statement";
			}
		}

	}

	/** Low-cardinality keys of {@link #BULK_INSERT}. */
	public enum BulkKeys implements KeyName {

		/** The target table. */
		TABLE {
			@Override
			public String asString() {
				return "db.sql.table";
			}
		},

		/** The atomicity mode of the load. */
		ATOMICITY {
			@Override
			public String asString() {
				return "databridge.bulk.atomicity";
			}
		},

		/**
		 * How the load ran: {@code single}, {@code pipelined}, {@code joined},
		 * {@code two-phase}, {@code staged}, {@code per-partition} ({@code unknown} when
		 * it failed before choosing).
		 */
		PATH {
			@Override
			public String asString() {
				return "databridge.bulk.path";
			}
		},

		/** {@code success} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** High-cardinality keys of {@link #BULK_INSERT}. */
	public enum BulkHighCardinalityKeys implements KeyName {

		/** Rows written (0 on error). */
		ROWS {
			@Override
			public String asString() {
				return "databridge.bulk.rows";
			}
		},

		/**
		 * Bytes of COPY data sent: the binary rows of every partition with each COPY's
		 * header and trailer (0 on error).
		 */
		BYTES {
			@Override
			public String asString() {
				return "databridge.bulk.bytes";
			}
		},

		/** The partitions (pooled connections) the load streamed over. */
		PARTITIONS {
			@Override
			public String asString() {
				return "databridge.bulk.partitions";
			}
		},

		/**
		 * The duration of each phase, in the order they ran, e.g.
		 * {@code copy-and-prepare=812.004ms,decide=1.203ms,commit=4.551ms}.
		 */
		PHASES {
			@Override
			public String asString() {
				return "databridge.bulk.phases";
			}
		}

	}

}
