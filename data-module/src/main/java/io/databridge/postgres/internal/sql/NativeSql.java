package io.databridge.postgres.internal.sql;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.Sql.OrderBy;

/**
 * Native SQL written by users ({@code @Query}): finds its parameters and wraps it for
 * paging, sorting and counting. Parameters are {@code :name} or {@code ?1} (1-based
 * position); both become pgjdbc {@code ?} placeholders and the names (positions as
 * digits) are kept in order. String literals, quoted identifiers, dollar-quoted bodies
 * and comments are skipped, {@code ::} casts are left alone, and {@code ??} passes
 * through as pgjdbc's escape for the jsonb {@code ?} operator. Stateless and thread-safe.
 */
public final class NativeSql {

	private NativeSql() {
	}

	/**
	 * Parses a statement.
	 * @return the statement with {@code ?} placeholders and, per placeholder, the name or
	 * 1-based position (as text) of its parameter
	 * @throws IllegalArgumentException for a bare {@code ?}, naming its offset
	 */
	public static RenderedSql parse(String sql) {
		StringBuilder out = new StringBuilder(sql.length());
		List<String> names = new ArrayList<>();
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			int end;
			if (c == '\'' || c == '"') {
				end = skipQuoted(sql, i, c);
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				end = sql.indexOf('\n', i);
				end = end < 0 ? n : end;
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				end = skipBlockComment(sql, i);
			}
			else if (c == '$' && (end = skipDollarQuoted(sql, i)) > i) {
				// dollar-quoted body, copied verbatim below
			}
			else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
				end = i + 2;
			}
			else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
				end = i + 2;
				while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
					end++;
				}
				names.add(sql.substring(i + 1, end));
				out.append('?');
				i = end;
				continue;
			}
			else if (c == '?' && i + 1 < n && sql.charAt(i + 1) == '?') {
				end = i + 2;
			}
			else if (c == '?') {
				end = i + 1;
				while (end < n && Character.isDigit(sql.charAt(end))) {
					end++;
				}
				if (end == i + 1) {
					throw new IllegalArgumentException("Bare '?' at offset " + i + " of query: use ?1, ?2 ... or :name "
							+ "(write ?? for the jsonb ? operator)");
				}
				names.add(sql.substring(i + 1, end));
				out.append('?');
				i = end;
				continue;
			}
			else {
				end = i + 1;
			}
			out.append(sql, i, end);
			i = end;
		}
		return new RenderedSql(out.toString(), names);
	}

	/**
	 * {@code SELECT * FROM (sql) AS q [ORDER BY ...] [LIMIT ?] [OFFSET ?]}; marker names
	 * {@code limit}, {@code offset}.
	 */
	public static RenderedSql wrap(RenderedSql inner, List<OrderBy> orderBy, boolean limit, boolean offset) {
		if (orderBy.isEmpty() && !limit && !offset) {
			return inner;
		}
		StringBuilder sql = new StringBuilder("SELECT * FROM (").append(stripSemicolon(inner.sql())).append(") AS q");
		List<String> names = new ArrayList<>(inner.parameters());
		for (int i = 0; i < orderBy.size(); i++) {
			OrderBy item = orderBy.get(i);
			sql.append(i == 0 ? " ORDER BY " : ", ");
			if (!(item.expression() instanceof Column column)) {
				throw new IllegalArgumentException("Native queries sort by result columns only");
			}
			sql.append(SqlRenderer.quote(column.name()));
			if (item.descending()) {
				sql.append(" DESC");
			}
			switch (item.nulls()) {
				case FIRST -> sql.append(" NULLS FIRST");
				case LAST -> sql.append(" NULLS LAST");
				case DEFAULT -> {
				}
			}
		}
		if (limit) {
			sql.append(" LIMIT ?");
			names.add("limit");
		}
		if (offset) {
			sql.append(" OFFSET ?");
			names.add("offset");
		}
		return new RenderedSql(sql.toString(), names);
	}

	/** {@code SELECT count(*) FROM (sql) AS q}. */
	public static RenderedSql count(RenderedSql inner) {
		return new RenderedSql("SELECT count(*) FROM (" + stripSemicolon(inner.sql()) + ") AS q", inner.parameters());
	}

	private static String stripSemicolon(String sql) {
		String trimmed = sql.strip();
		return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	private static int skipQuoted(String sql, int start, char quote) {
		int i = start + 1;
		while (i < sql.length()) {
			if (sql.charAt(i) == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return sql.length();
	}

	private static int skipBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		while (i < sql.length() - 1) {
			if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	/**
	 * Returns the end of a {@code $tag$...$tag$} body starting at {@code start}, or
	 * {@code start} if none.
	 */
	private static int skipDollarQuoted(String sql, int start) {
		int tagEnd = start + 1;
		while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
			tagEnd++;
		}
		if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$'
				|| (tagEnd > start + 1 && Character.isDigit(sql.charAt(start + 1)))) {
			return start;
		}
		String tag = sql.substring(start, tagEnd + 1);
		int close = sql.indexOf(tag, tagEnd + 1);
		return close < 0 ? sql.length() : close + tag.length();
	}

}
