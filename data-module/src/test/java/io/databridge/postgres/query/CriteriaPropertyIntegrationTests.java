package io.databridge.postgres.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.criteria.CriteriaStatements;
import io.databridge.postgres.internal.criteria.PreparedSql;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.query.CriteriaNode.Junction;
import io.databridge.postgres.query.CriteriaNode.Negation;
import io.databridge.postgres.query.CriteriaNode.Predicate;
import io.databridge.postgres.test.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random criteria trees over random rows (text, int, boolean, text[] and a jsonb document
 * compared by path as text and as number, by containment and by key), checked against
 * PostgreSQL: every statement has as many placeholders as bound values (counted in the
 * text and by the server), and selects exactly the rows that an in-memory evaluation of
 * the same tree selects, with SQL's three-valued logic. Strings mix quotes, backslashes,
 * {@code %}, {@code _}, {@code $1}, {@code ?}, newlines, non-ASCII and very long text.
 * The evaluator follows the database's collation: case mapping per code point (ASCII only
 * for the "C" ctype), and text ordering by code point ("C" and "C.UTF-8"; under other
 * collations text is not compared for order).
 *
 * <p>
 * Run again with {@code -Dcriteria.seed=<seed>} to reproduce a failure.
 */
class CriteriaPropertyIntegrationTests {

	private static final int ROWS = 60;

	private static final int TREES = 1500;

	private static final String[] FRAGMENTS = { "a", "b", "A", "B", "x", "ab", "'", "''", "\"", "\\", "\\\\", "%", "_",
			"$1", "?", " ", "\n", "é", "É", "ß", "中", "😀", ";--", "ΩΣ" };

	private static final String[] TAGS = { "a", "b", "%", "_", "'", "\\", "é", "😀", "$1" };

	static TestDatabase db;

	static PgTemplate template;

	@Table("crit_prop")
	record Row(@Id Long id, @Nullable String name, @Nullable Integer age, @Nullable Boolean active,
			@Nullable List<String> tags, @Jsonb @Nullable Map<String, Object> profile) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("CREATE TABLE crit_prop (id bigint PRIMARY KEY, name text, age int, active boolean, "
				+ "tags text[], profile jsonb)");
		template = new PgTemplate(new JdbcTemplate(db.dataSource()), new PgMappingContext(), CriteriaFixtures.codecs());
		String ctype = template.getJdbcOperations()
			.queryForObject("SELECT datctype FROM pg_database WHERE datname = current_database()", String.class);
		String collate = template.getJdbcOperations()
			.queryForObject("SELECT datcollate FROM pg_database WHERE datname = current_database()", String.class);
		Evaluator.asciiCase = "C".equals(ctype) || "POSIX".equals(ctype);
		codePointOrder = List.of("C", "POSIX", "C.UTF-8", "C.utf8").contains(collate);
	}

	/**
	 * Whether the database orders text by code point, as the evaluator does; if not, text
	 * is not ordered.
	 */
	static boolean codePointOrder;

	@Test
	void randomCriteriaSelectWhatInMemoryEvaluationSelects() throws SQLException {
		long seed = Long.getLong("criteria.seed", System.nanoTime());
		Random random = new Random(seed);
		Generator generator = new Generator(random);
		template.deleteAll(Row.class);
		List<Row> rows = new ArrayList<>();
		for (long id = 1; id <= ROWS; id++) {
			rows.add(generator.row(id));
		}
		template.saveAll(rows);
		generator.rows = rows;
		int partial = 0;
		try (Connection connection = db.dataSource().getConnection()) {
			for (int i = 0; i < TREES; i++) {
				Criteria criteria = generator.criteria(3);
				String context = "seed " + seed + ", tree " + i + ": " + criteria + " " + criteria.root();
				PreparedSql sql = template.unwrap(CriteriaStatements.class)
					.select(template.unwrap(RepositorySupport.class).statements(Row.class), Query.query(criteria));
				assertThat(sql.sql().chars().filter(c -> c == '?').count()).as(context)
					.isEqualTo(sql.bindings().size());
				try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
					assertThat(ps.getParameterMetaData().getParameterCount()).as(context)
						.isEqualTo(sql.bindings().size());
				}
				List<Long> expected = rows.stream()
					.filter(row -> Boolean.TRUE.equals(Evaluator.eval(criteria.root(), row)))
					.map(Row::id)
					.toList();
				List<Long> actual = template.findAll(criteria, Sort.by("id"), Row.class).stream().map(Row::id).toList();
				assertThat(actual).as(context).isEqualTo(expected);
				if (!expected.isEmpty() && expected.size() < ROWS) {
					partial++;
				}
			}
		}
		// the trees must tell rows apart, or the comparison above proves little
		assertThat(partial).as("seed " + seed + ": trees selecting some but not all rows").isGreaterThan(TREES / 3);
		System.out.println("Criteria property test, seed " + seed + ": " + partial + " of " + TREES
				+ " trees selected some but not all rows");
	}

	/**
	 * Random rows and criteria; values are often taken from the rows so that conditions
	 * match.
	 */
	static final class Generator {

		final Random random;

		List<Row> rows = List.of();

		Generator(Random random) {
			this.random = random;
		}

		Row row(long id) {
			return new Row(id, maybe(this::text), maybe(() -> this.random.nextInt(50) - 5),
					maybe(this.random::nextBoolean), maybe(this::tags), maybe(this::profile));
		}

		/** {"k": text or null, "n": int}, each key present or not. */
		Map<String, Object> profile() {
			Map<String, Object> profile = new HashMap<>();
			if (this.random.nextInt(4) != 0) {
				profile.put("k", this.random.nextInt(6) == 0 ? null : text());
			}
			if (this.random.nextInt(4) != 0) {
				profile.put("n", this.random.nextInt(20) - 5);
			}
			return profile;
		}

		<T> @Nullable T maybe(java.util.function.Supplier<T> value) {
			return this.random.nextInt(5) == 0 ? null : value.get();
		}

		String text() {
			if (this.random.nextInt(30) == 0) {
				return fragment().repeat(2000 + this.random.nextInt(3000));
			}
			StringBuilder text = new StringBuilder();
			for (int n = this.random.nextInt(5); n > 0; n--) {
				text.append(fragment());
			}
			return text.toString();
		}

		String fragment() {
			return FRAGMENTS[this.random.nextInt(FRAGMENTS.length)];
		}

		List<String> tags() {
			List<String> tags = new ArrayList<>();
			for (int n = this.random.nextInt(4); n > 0; n--) {
				tags.add(TAGS[this.random.nextInt(TAGS.length)]);
			}
			return tags;
		}

		Row anyRow() {
			return this.rows.get(this.random.nextInt(this.rows.size()));
		}

		String name() {
			String name = this.random.nextBoolean() ? anyRow().name() : null;
			return name != null ? name : text();
		}

		String part() {
			String name = name();
			int[] cps = name.codePoints().toArray();
			int from = cps.length == 0 ? 0 : this.random.nextInt(cps.length + 1);
			int to = from + this.random.nextInt(cps.length - from + 1);
			return new String(cps, from, to - from);
		}

		int age() {
			Integer age = this.random.nextBoolean() ? anyRow().age() : null;
			return age != null ? age : this.random.nextInt(60) - 10;
		}

		/**
		 * A LIKE pattern of literal characters, wildcards and escapes, never ending in a
		 * lone backslash.
		 */
		String pattern() {
			StringBuilder pattern = new StringBuilder();
			String[] tokens = { "%", "_", "\\%", "\\_", "\\\\", "a", "A", "é", "'", "$1", "😀" };
			if (this.random.nextBoolean()) {
				String part = part().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
				pattern.append(part);
			}
			for (int n = this.random.nextInt(4); n > 0; n--) {
				String token = tokens[this.random.nextInt(tokens.length)];
				if (this.random.nextBoolean()) {
					pattern.append(token);
				}
				else {
					pattern.insert(0, token);
				}
			}
			return pattern.toString();
		}

		String regex() {
			String[] tokens = { "^", "a", "b", "A", ".", "a*", "[ab]", "x", "$" };
			StringBuilder regex = new StringBuilder();
			for (int n = 1 + this.random.nextInt(3); n > 0; n--) {
				regex.append(tokens[this.random.nextInt(tokens.length)]);
			}
			return regex.toString();
		}

		Criteria criteria(int depth) {
			int choice = depth == 0 ? 0 : this.random.nextInt(6);
			return switch (choice) {
				case 0, 1 -> leaf(Criteria.empty(), false);
				case 2 -> criteria(depth - 1).and(criteria(depth - 1));
				case 3 -> criteria(depth - 1).or(criteria(depth - 1));
				case 4 -> criteria(depth - 1).not();
				default -> leaf(criteria(depth - 1), this.random.nextBoolean());
			};
		}

		Criteria leaf(Criteria base, boolean or) {
			return switch (this.random.nextInt(7)) {
				case 0 -> nameCondition(or ? base.or(Row::name) : base.and(Row::name));
				case 1 -> ageCondition(or ? base.or(Row::age) : base.and(Row::age));
				case 2 -> activeCondition(or ? base.or(Row::active) : base.and(Row::active));
				case 3 -> tagsCondition(or ? base.or(Row::tags) : base.and(Row::tags));
				case 4 -> jsonTextCondition(or ? base.or("profile.k") : base.and("profile.k"));
				case 5 -> ageCondition(or ? base.or("profile.n") : base.and("profile.n"));
				default -> profileCondition(or ? base.or(Row::profile) : base.and(Row::profile));
			};
		}

		Criteria nameCondition(CriteriaStep step) {
			boolean ci = this.random.nextInt(3) == 0;
			int operator = this.random.nextInt(17);
			while (!codePointOrder && operator >= 2 && operator <= 6) {
				operator = this.random.nextInt(17);
			}
			return switch (operator) {
				case 0 -> step.is(name()).ignoreCase(ci);
				case 1 -> step.not(name()).ignoreCase(ci);
				case 2 -> step.lessThan(name());
				case 3 -> step.lessThanOrEquals(name());
				case 4 -> step.greaterThan(name());
				case 5 -> step.greaterThanOrEquals(name());
				case 6 -> step.between(name(), name());
				case 7 -> step.in(names());
				case 8 -> step.notIn(names());
				case 9 -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
				case 10 -> step.like(pattern()).ignoreCase(ci);
				case 11 -> step.notLike(pattern()).ignoreCase(ci);
				case 12 -> step.ilike(pattern());
				case 13 -> step.startsWith(part()).ignoreCase(ci);
				case 14 -> step.endsWith(part()).ignoreCase(ci);
				case 15 -> step.contains(part()).ignoreCase(ci);
				default -> step.matches(regex()).ignoreCase(ci);
			};
		}

		List<String> names() {
			List<String> names = new ArrayList<>();
			for (int n = this.random.nextInt(4); n > 0; n--) {
				names.add(name());
			}
			return names;
		}

		Criteria ageCondition(CriteriaStep step) {
			return switch (this.random.nextInt(10)) {
				case 0 -> step.is(this.random.nextBoolean() ? age() : (Object) (long) age());
				case 1 -> step.not(age());
				case 2 -> step.lessThan(age());
				case 3 -> step.lessThanOrEquals(age());
				case 4 -> step.greaterThan(age());
				case 5 -> step.greaterThanOrEquals(age());
				case 6 -> step.between(age(), age());
				case 7 -> step.in(List.of(age(), age()).subList(0, this.random.nextInt(3)));
				case 8 -> step.notIn(List.of(age(), age()).subList(0, this.random.nextInt(3)));
				default -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
			};
		}

		Criteria activeCondition(CriteriaStep step) {
			return switch (this.random.nextInt(5)) {
				case 0 -> step.isTrue();
				case 1 -> step.isFalse();
				case 2 -> step.is(this.random.nextBoolean());
				case 3 -> step.not(this.random.nextBoolean());
				default -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
			};
		}

		Criteria jsonTextCondition(CriteriaStep step) {
			boolean ci = this.random.nextInt(3) == 0;
			int operator = this.random.nextInt(10);
			while (!codePointOrder && operator == 9) {
				operator = this.random.nextInt(10);
			}
			return switch (operator) {
				case 0 -> step.is(name()).ignoreCase(ci);
				case 1 -> step.not(name());
				case 2 -> step.in(names());
				case 3 -> step.notIn(names());
				case 4 -> step.like(pattern()).ignoreCase(ci);
				case 5 -> step.startsWith(part()).ignoreCase(ci);
				case 6 -> step.contains(part());
				case 7 -> step.matches(regex());
				case 8 -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
				default -> step.greaterThan(name());
			};
		}

		Criteria profileCondition(CriteriaStep step) {
			return switch (this.random.nextInt(4)) {
				case 0 -> {
					Map<String, Object> profile = anyRow().profile();
					yield step.contains(profile != null && this.random.nextBoolean() ? withoutNulls(profile) : Map
						.of(this.random.nextBoolean() ? "k" : "n", this.random.nextBoolean() ? text() : age()));
				}
				case 1 -> step.hasKey(new String[] { "k", "n", "z" }[this.random.nextInt(3)]);
				case 2 -> step.contains(Map.of());
				default -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
			};
		}

		static Map<String, Object> withoutNulls(Map<String, Object> profile) {
			Map<String, Object> copy = new HashMap<>(profile);
			copy.values().removeIf(java.util.Objects::isNull);
			return copy;
		}

		Criteria tagsCondition(CriteriaStep step) {
			return switch (this.random.nextInt(4)) {
				case 0 -> step.contains(tags());
				case 1 -> step.overlaps(tags());
				case 2 -> step.anyEquals(TAGS[this.random.nextInt(TAGS.length)]);
				default -> this.random.nextBoolean() ? step.isNull() : step.isNotNull();
			};
		}

	}

	/** SQL semantics in Java: {@code null} is UNKNOWN. */
	static final class Evaluator {

		static @Nullable Boolean eval(CriteriaNode node, Row row) {
			return switch (node) {
				case Negation negation -> {
					Boolean value = eval(negation.part(), row);
					yield value == null ? null : !value;
				}
				case Junction junction -> junction(junction, row);
				case Predicate predicate -> predicate(predicate, row);
			};
		}

		static @Nullable Boolean junction(Junction junction, Row row) {
			boolean unknown = false;
			for (CriteriaNode part : junction.parts()) {
				Boolean value = eval(part, row);
				if (value == null) {
					unknown = true;
				}
				else if (value == junction.or()) {
					return value;
				}
			}
			return unknown ? null : !junction.or();
		}

		static @Nullable Boolean predicate(Predicate predicate, Row row) {
			Map<String, Object> profile = row.profile();
			Object value = switch (predicate.path().dotPath()) {
				case "name" -> row.name();
				case "age" -> row.age();
				case "active" -> row.active();
				case "tags" -> row.tags();
				case "profile" -> profile;
				case "profile.k" -> profile == null ? null : profile.get("k");
				case "profile.n" -> profile == null ? null : profile.get("n");
				default -> throw new IllegalStateException(predicate.path().dotPath());
			};
			List<Object> operands = predicate.values();
			switch (predicate.operator()) {
				case IS_NULL:
					return value == null;
				case IS_NOT_NULL:
					return value != null;
				case IN:
					return operands.isEmpty() ? Boolean.FALSE
							: value == null ? null : contains(operands, value, predicate);
				case NOT_IN:
					return operands.isEmpty() ? Boolean.TRUE
							: value == null ? null : !contains(operands, value, predicate);
				default:
			}
			if (value == null) {
				return null;
			}
			if (value instanceof Map<?, ?> document) {
				return switch (predicate.operator()) {
					case CONTAINS -> ((Map<?, ?>) operands.get(0)).entrySet()
						.stream()
						.allMatch(e -> document.containsKey(e.getKey())
								&& java.util.Objects.equals(document.get(e.getKey()), e.getValue()));
					case HAS_KEY -> document.containsKey(operands.get(0));
					default -> throw new IllegalStateException(predicate.toString());
				};
			}
			if (value instanceof List<?> tags) {
				return switch (predicate.operator()) {
					case CONTAINS -> tags.containsAll((List<?>) operands.get(0));
					case OVERLAPS -> ((List<?>) operands.get(0)).stream().anyMatch(tags::contains);
					case ANY_EQUALS -> tags.contains(operands.get(0));
					default -> throw new IllegalStateException(predicate.toString());
				};
			}
			boolean ci = predicate.ignoreCase();
			Object operand = operands.isEmpty() ? null : operands.get(0);
			return switch (predicate.operator()) {
				case IS -> compare(value, operand, ci) == 0;
				case NOT -> compare(value, operand, ci) != 0;
				case LESS_THAN -> compare(value, operand, false) < 0;
				case LESS_THAN_OR_EQUALS -> compare(value, operand, false) <= 0;
				case GREATER_THAN -> compare(value, operand, false) > 0;
				case GREATER_THAN_OR_EQUALS -> compare(value, operand, false) >= 0;
				case BETWEEN -> compare(value, operand, false) >= 0 && compare(value, operands.get(1), false) <= 0;
				case IS_TRUE -> (Boolean) value;
				case IS_FALSE -> !(Boolean) value;
				case LIKE -> like((String) value, (String) operand, ci);
				case NOT_LIKE -> !like((String) value, (String) operand, ci);
				case ILIKE -> like((String) value, (String) operand, true);
				case STARTS_WITH -> lower((String) value, ci).startsWith(lower((String) operand, ci));
				case ENDS_WITH -> lower((String) value, ci).endsWith(lower((String) operand, ci));
				case CONTAINS -> lower((String) value, ci).contains(lower((String) operand, ci));
				// PostgreSQL's $ is the end of the text; Java's $ also matches before a
				// final newline
				case MATCHES ->
					Pattern.compile(((String) operand).replace("$", "\\z"), Pattern.DOTALL | (ci ? caseFlags() : 0))
						.matcher((String) value)
						.find();
				default -> throw new IllegalStateException(predicate.toString());
			};
		}

		static int caseFlags() {
			return asciiCase ? Pattern.CASE_INSENSITIVE : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
		}

		static boolean contains(List<Object> operands, Object value, Predicate predicate) {
			return operands.stream().anyMatch(operand -> compare(value, operand, predicate.ignoreCase()) == 0);
		}

		static int compare(Object value, @Nullable Object operand, boolean ci) {
			if (value instanceof String text) {
				return CODE_POINTS.compare(lower(text, ci), lower((String) operand, ci));
			}
			if (value instanceof Integer number) {
				return Long.compare(number, ((Number) operand).longValue());
			}
			return Boolean.compare((Boolean) value, (Boolean) operand);
		}

		static final Comparator<String> CODE_POINTS = (a, b) -> {
			int[] x = a.codePoints().toArray();
			int[] y = b.codePoints().toArray();
			return java.util.Arrays.compare(x, y);
		};

		/**
		 * Case mapping per code point, as PostgreSQL's lower() does; the "C" ctype maps
		 * ASCII only.
		 */
		static boolean asciiCase;

		static String lower(String text, boolean ci) {
			if (!ci) {
				return text;
			}
			StringBuilder lower = new StringBuilder(text.length());
			text.codePoints()
				.map(c -> asciiCase ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c))
				.forEach(lower::appendCodePoint);
			return lower.toString();
		}

		static boolean like(String value, String pattern, boolean ci) {
			StringBuilder regex = new StringBuilder();
			int[] p = lower(pattern, ci).codePoints().toArray();
			for (int i = 0; i < p.length; i++) {
				int c = p[i];
				if (c == '\\' && i + 1 < p.length) {
					regex.append(Pattern.quote(Character.toString(p[++i])));
				}
				else if (c == '%') {
					regex.append(".*");
				}
				else if (c == '_') {
					regex.append('.');
				}
				else {
					regex.append(Pattern.quote(Character.toString(c)));
				}
			}
			return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(lower(value, ci)).matches();
		}

	}

	static {
		Locale.setDefault(Locale.ROOT);
	}

}
