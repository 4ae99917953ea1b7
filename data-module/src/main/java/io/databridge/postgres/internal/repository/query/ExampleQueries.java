package io.databridge.postgres.internal.repository.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.SortRenderer;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.support.ExampleMatcherAccessor;

/**
 * Query by Example for one entity type: a probe's non-null properties (or, with
 * {@code NullHandler.INCLUDE}, its nulls) become conditions joined by AND or OR as the
 * matcher says. String matchers map to {@code =}, LIKE / ILIKE or {@code ~} / {@code ~*};
 * the probe's value is always bound, and for STARTING / ENDING / CONTAINING its
 * {@code %}, {@code _} and {@code \} are escaped, so a probe cannot smuggle wildcards
 * into the pattern. Statements are cached by their shape (the tree and its slots), in a
 * bounded cache. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class ExampleQueries<T> {

	private static final int CACHE_LIMIT = 256;

	private final EntityStatements<T> statements;

	private final ValueCodecs codecs;

	private final QueryRunner runner;

	private final Map<Key, PreparedQuery> cache = new ConcurrentHashMap<>();

	/**
	 * Creates the QBE support of one entity type.
	 * @param completion completes the entities read (collections, references, callbacks)
	 */
	public ExampleQueries(EntityStatements<T> statements, ValueCodecs codecs, ObservedJdbc jdbc,
			RowCompletion completion) {
		this.statements = statements;
		this.codecs = codecs;
		this.runner = new QueryRunner(jdbc, statements.entity().tableName(), completion);
	}

	/**
	 * The matching rows, sorted, at most {@code limit} (0 for all) from {@code offset}.
	 */
	public <S extends T> List<S> find(Example<S> example, Sort sort, int limit, long offset) {
		Match match = match(example);
		Sql.Select select = this.statements.selectAll()
			.where(match.where())
			.orderBy(SortRenderer.orderBy(this.statements.entity(), sort))
			.limitOffset(limit > 0 ? new Sql.BindMarker("limit") : null,
					offset > 0 ? new Sql.BindMarker("offset") : null);
		return this.runner.list(prepare(select, match.slots()), match.invocation(limit, offset), mapper());
	}

	/** The matching rows as a stream over a server-side cursor; needs a transaction. */
	public <S extends T> Stream<S> stream(Example<S> example, Sort sort, int limit) {
		Match match = match(example);
		Sql.Select select = this.statements.selectAll()
			.where(match.where())
			.orderBy(SortRenderer.orderBy(this.statements.entity(), sort))
			.limitOffset(limit > 0 ? new Sql.BindMarker("limit") : null, null);
		return this.runner.stream(prepare(select, match.slots()), match.invocation(limit, 0), mapper(),
				"Query by Example stream of " + this.statements.entity().getType().getSimpleName());
	}

	/** The number of matching rows. */
	public long count(Example<? extends T> example) {
		Match match = match(example);
		Sql.Select select = Sql.Select
			.of(List.of(new Sql.FunctionCall("count", List.of(new Sql.Star()))), this.statements.table())
			.where(match.where());
		return this.runner.count(prepare(select, match.slots()), match.invocation(0, 0));
	}

	/** Whether any row matches. */
	public boolean exists(Example<? extends T> example) {
		Match match = match(example);
		Sql.Select select = Sql.Select.of(List.of(new Sql.Literal(1)), this.statements.table())
			.where(match.where())
			.limitOffset(new Sql.Literal(1), null);
		return this.runner.exists(prepare(select, match.slots()), match.invocation(0, 0));
	}

	@SuppressWarnings("unchecked")
	private <S extends T> org.springframework.jdbc.core.RowMapper<S> mapper() {
		return (org.springframework.jdbc.core.RowMapper<S>) this.statements.reader().mapper();
	}

	private PreparedQuery prepare(Sql.Select select, Map<String, Slot> slots) {
		Key key = new Key(select, Map.copyOf(slots));
		PreparedQuery query = this.cache.get(key);
		if (query == null) {
			Map<String, Slot> all = new HashMap<>(slots);
			all.put("limit", new Slot(Slot.Source.LIMIT, 0, this.statements.idCodec(), Slot.Transform.NONE));
			all.put("offset", new Slot(Slot.Source.OFFSET, 0, this.statements.idCodec(), Slot.Transform.NONE));
			query = PreparedQuery.of(SqlRenderer.render(select), all);
			if (this.cache.size() >= CACHE_LIMIT) {
				this.cache.clear();
			}
			this.cache.put(key, query);
		}
		return query;
	}

	@SuppressWarnings("unchecked")
	Match match(Example<? extends T> example) {
		PgPersistentEntity<T> entity = this.statements.entity();
		ExampleMatcher matcher = example.getMatcher();
		ExampleMatcherAccessor accessor = new ExampleMatcherAccessor(matcher);
		PersistentPropertyAccessor<T> properties = entity.getPropertyAccessor((T) example.getProbe());
		List<Condition> conditions = new ArrayList<>();
		Map<String, Slot> slots = new HashMap<>();
		List<Object> values = new ArrayList<>();
		for (PgPersistentProperty property : entity.columns()) {
			String path = property.getName();
			if (accessor.isIgnoredPath(path)) {
				continue;
			}
			Optional<Object> transformed = accessor.getValueTransformerForPath(path)
				.apply(Optional.ofNullable(properties.getProperty(property)));
			Sql.Column column = new Sql.Column(property.columnName());
			if (transformed.isEmpty()) {
				if (accessor.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE) {
					conditions.add(new Sql.IsNull(column, false));
				}
				continue;
			}
			conditions.add(condition(property, column, transformed.get(), accessor, slots, values));
		}
		Condition where = conditions.isEmpty() ? null
				: matcher.isAllMatching() ? new Sql.And(conditions) : new Sql.Or(conditions);
		return new Match(where, slots, values.toArray());
	}

	private Condition condition(PgPersistentProperty property, Sql.Column column, Object value,
			ExampleMatcherAccessor accessor, Map<String, Slot> slots, List<Object> values) {
		String name = "a" + values.size();
		Sql.BindMarker marker = new Sql.BindMarker(name);
		if (!(value instanceof String)) {
			slots.put(name, Slot.argument(values.size(), this.codecs.forProperty(property), Slot.Transform.NONE));
			values.add(value);
			return new Sql.Comparison(column, Sql.Operator.EQ, marker);
		}
		boolean ignoreCase = accessor.isIgnoreCaseForPath(property.getName());
		ExampleMatcher.StringMatcher stringMatcher = accessor.getStringMatcherForPath(property.getName());
		Slot.Transform transform = switch (stringMatcher) {
			case STARTING -> Slot.Transform.STARTING_WITH;
			case ENDING -> Slot.Transform.ENDING_WITH;
			case CONTAINING -> Slot.Transform.CONTAINING;
			case DEFAULT, EXACT, REGEX -> Slot.Transform.NONE;
		};
		slots.put(name, Slot.argument(values.size(), this.codecs.forProperty(property), transform));
		values.add(value);
		return switch (stringMatcher) {
			case DEFAULT, EXACT -> ignoreCase ? new Sql.Comparison(lower(column), Sql.Operator.EQ, lower(marker))
					: new Sql.Comparison(column, Sql.Operator.EQ, marker);
			case STARTING, ENDING, CONTAINING ->
				new Sql.Comparison(column, ignoreCase ? Sql.Operator.ILIKE : Sql.Operator.LIKE, marker);
			case REGEX -> new Sql.Comparison(column, ignoreCase ? Sql.Operator.IREGEX : Sql.Operator.REGEX, marker);
		};
	}

	private static Expression lower(Expression expression) {
		return new Sql.FunctionCall("lower", List.of(expression));
	}

	/** The condition of one probe and the values its markers read. */
	record Match(@Nullable Condition where, Map<String, Slot> slots, @Nullable Object[] values) {

		Invocation invocation(long limit, long offset) {
			return new Invocation(this.values, limit, offset, Invocation.NONE);
		}
	}

	/** A statement shape: the tree and how each of its markers is bound. */
	private record Key(Sql.Select select, Map<String, Slot> slots) {
	}

}
