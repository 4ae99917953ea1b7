package io.databridge.postgres.mapping;

import java.util.Locale;

/**
 * Derives table and column names for types and properties that carry no {@link Table} or
 * {@link Column} annotation. Implementations must be stateless and thread-safe; a bean of
 * this type in the application context replaces the default {@link #SNAKE_CASE}.
 */
public interface NamingStrategy {

	/**
	 * {@code UserAccount} to {@code user_account}, {@code createdAt} to
	 * {@code created_at}.
	 */
	NamingStrategy SNAKE_CASE = new NamingStrategy() {
		@Override
		public String tableName(Class<?> type) {
			return snakeCase(type.getSimpleName());
		}

		@Override
		public String columnName(String propertyName) {
			return snakeCase(propertyName);
		}
	};

	/**
	 * Names used as written in Java, for schemas whose identifiers were created quoted.
	 */
	NamingStrategy AS_IS = new NamingStrategy() {
		@Override
		public String tableName(Class<?> type) {
			return type.getSimpleName();
		}

		@Override
		public String columnName(String propertyName) {
			return propertyName;
		}
	};

	/**
	 * Returns the table name for an entity type.
	 * @param type the entity type, never {@code null}
	 * @return a non-empty table name, used verbatim (quoted) in SQL
	 */
	String tableName(Class<?> type);

	/**
	 * Returns the column name for a property.
	 * @param propertyName the Java property name, never {@code null}
	 * @return a non-empty column name, used verbatim (quoted) in SQL
	 */
	String columnName(String propertyName);

	/**
	 * Converts camelCase or PascalCase to snake_case: {@code externalID} becomes
	 * {@code external_id}, {@code HTTPStatus} becomes {@code http_status}.
	 * @param name a Java identifier
	 * @return the lower-case, underscore-separated form
	 */
	static String snakeCase(String name) {
		StringBuilder out = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean previousLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1))
						&& name.charAt(i - 1) != '_';
				boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
				boolean previousUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
				if (i > 0 && (previousLower || (previousUpper && nextLower))) {
					out.append('_');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString().toLowerCase(Locale.ROOT);
	}

}
