package io.databridge.postgres.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcUrlsTests {

	@Test
	void replacesDatabaseAndKeepsHostPortAndParameters() {
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db.example:6543/postgres?sslmode=require&user=ci",
				"dbt_1_abcdef"))
			.isEqualTo("jdbc:postgresql://db.example:6543/dbt_1_abcdef?sslmode=require&user=ci");
	}

	@Test
	void addsDatabaseWhenUrlHasNone() {
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost:5432/", "x"))
			.isEqualTo("jdbc:postgresql://localhost:5432/x");
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost:5432", "x"))
			.isEqualTo("jdbc:postgresql://localhost:5432/x");
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h?ssl=true", "x"))
			.isEqualTo("jdbc:postgresql://h/x?ssl=true");
	}

	@Test
	void keepsSeveralHosts() {
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://a:5432,b:5433/app?targetServerType=primary", "x"))
			.isEqualTo("jdbc:postgresql://a:5432,b:5433/x?targetServerType=primary");
	}

	@Test
	void replacesDatabaseInShortForm() {
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql:postgres?user=me", "x"))
			.isEqualTo("jdbc:postgresql:x?user=me");
	}

	@Test
	void encodesDatabaseName() {
		assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h/postgres", "a b/c"))
			.isEqualTo("jdbc:postgresql://h/a+b%2Fc");
	}

	@Test
	void rejectsOtherUrls() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://h/db?password=s3cret", "x"))
			.withMessageContaining("jdbc:postgresql:")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void readsDecodedQueryParameters() {
		String url = "jdbc:postgresql://h/db?user=ci%40corp&password=p%26w&ssl";
		assertThat(JdbcUrls.queryParameter(url, "user")).isEqualTo("ci@corp");
		assertThat(JdbcUrls.queryParameter(url, "password")).isEqualTo("p&w");
		assertThat(JdbcUrls.queryParameter(url, "ssl")).isEmpty();
		assertThat(JdbcUrls.queryParameter(url, "sslmode")).isNull();
		assertThat(JdbcUrls.queryParameter("jdbc:postgresql://h/db", "user")).isNull();
	}

	@Test
	void redactsPassword() {
		assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?password=secret&user=u"))
			.isEqualTo("jdbc:postgresql://h/db?password=***&user=u");
		assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=secret"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&password=***");
	}

}
