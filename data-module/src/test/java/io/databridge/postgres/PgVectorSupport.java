package io.databridge.postgres;

import io.databridge.postgres.test.TestDatabase;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Vector tests need the pgvector extension on the test server: {@code .ci/run} installs
 * it ({@code shared/scripts/install-pgvector.sh}); on a server without it (the embedded
 * fallback, a laptop) the tests are skipped with the reason.
 */
public final class PgVectorSupport {

	private PgVectorSupport() {
	}

	/**
	 * Creates the extension in the database, or skips the calling test when the server
	 * does not have it.
	 * @param db the test database
	 */
	public static void assumeVector(TestDatabase db) {
		String available = db.queryForString("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'");
		assumeTrue("1".equals(available), "the test server " + db.source()
				+ " has no pgvector extension; install it with shared/scripts/install-pgvector.sh (as .ci/run does)");
		db.execute("CREATE EXTENSION IF NOT EXISTS vector");
	}

}
