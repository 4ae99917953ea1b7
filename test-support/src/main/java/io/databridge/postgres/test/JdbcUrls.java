package io.databridge.postgres.test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Pure string handling of pgjdbc URLs
 * ({@code jdbc:postgresql://host:port/database?params} and
 * {@code jdbc:postgresql:database?params}).
 */
final class JdbcUrls {

	static final String PREFIX = "jdbc:postgresql:";

	private JdbcUrls() {
	}

	/**
	 * Replaces the database of {@code url} by {@code database}, keeping hosts, ports and
	 * query parameters.
	 */
	static String withDatabase(String url, String database) {
		requirePostgres(url);
		String rest = url.substring(PREFIX.length());
		int queryStart = rest.indexOf('?');
		String query = queryStart < 0 ? "" : rest.substring(queryStart);
		String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
		String encoded = URLEncoder.encode(database, StandardCharsets.UTF_8);
		if (!location.startsWith("//")) {
			return PREFIX + encoded + query;
		}
		int slash = location.indexOf('/', 2);
		String authority = slash < 0 ? location : location.substring(0, slash);
		return PREFIX + authority + "/" + encoded + query;
	}

	/**
	 * Returns the decoded value of query parameter {@code name} of {@code url}, or
	 * {@code null} if it is absent.
	 */
	static @Nullable String queryParameter(String url, String name) {
		int queryStart = url.indexOf('?');
		if (queryStart < 0) {
			return null;
		}
		for (String pair : url.substring(queryStart + 1).split("&")) {
			int eq = pair.indexOf('=');
			String key = eq < 0 ? pair : pair.substring(0, eq);
			if (key.equals(name)) {
				return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/**
	 * Masks the value of a {@code password} query parameter so that the URL can be shown
	 * in messages.
	 */
	static String redact(String url) {
		return url.replaceAll("([?&]password=)[^&]*", "$1***");
	}

	private static void requirePostgres(String url) {
		if (!url.startsWith(PREFIX)) {
			throw new IllegalArgumentException(
					"Not a PostgreSQL JDBC URL (must start with " + PREFIX + "): " + redact(url));
		}
	}

}
