package io.databridge.postgres.internal.repository.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.convert.VectorMetric;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.repository.query.Slot.Transform;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.Operator;
import org.jspecify.annotations.Nullable;

import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.ClassUtils;

/**
 * Turns a {@link PartTree} into a WHERE condition of the SQL tree: one {@link Condition}
 * per {@link Part}, combined by the tree's And/Or structure. Each property is resolved
 * against the mapping and each argument's declared type checked against it; values are
 * bind markers whose {@link Slot}s are collected into the map given, so the statement is
 * rendered once per shape. Not thread-safe; one instance builds one shape.
 */
final class PgQueryCreator extends AbstractQueryCreator<Condition, Condition> {

	private final PgPersistentEntity<?> entity;

	private final ValueCodecs codecs;

	private final Map<String, Slot> slots;

	private final @Nullable VectorSearch search;

	private final VectorMetric metric;

	private @Nullable Expression distance;

	PgQueryCreator(PartTree tree, ArgumentShapes arguments, PgPersistentEntity<?> entity, ValueCodecs codecs,
			Map<String, Slot> slots) {
		this(tree, arguments, entity, codecs, slots, null, null);
	}

	PgQueryCreator(PartTree tree, ArgumentShapes arguments, PgPersistentEntity<?> entity, ValueCodecs codecs,
			Map<String, Slot> slots, @Nullable VectorSearch search, @Nullable VectorMetric metric) {
		super(tree, arguments);
		this.entity = entity;
		this.codecs = codecs;
		this.slots = slots;
		this.search = search;
		this.metric = metric == null ? VectorMetric.EUCLIDEAN : metric;
	}

	/**
	 * The distance expression of the Near / Within part once the query is created, for
	 * the select list and the order; {@code null} without one.
	 */
	@Nullable Expression distance() {
		return this.distance;
	}

	/** Whether a part treats a {@code null} argument as IS [NOT] NULL. */
	static boolean isNullAware(Part part) {
		return part.getType() == Part.Type.SIMPLE_PROPERTY || part.getType() == Part.Type.NEGATING_SIMPLE_PROPERTY;
	}

	@Override
	protected Condition create(Part part, Iterator<Object> iterator) {
		PgPersistentProperty property = property(part);
		return condition(part, property, iterator);
	}

	@Override
	protected Condition and(Part part, Condition base, Iterator<Object> iterator) {
		Condition next = create(part, iterator);
		List<Condition> all = new ArrayList<>();
		if (base instanceof Sql.And and) {
			all.addAll(and.conditions());
		}
		else {
			all.add(base);
		}
		all.add(next);
		return new Sql.And(all);
	}

	@Override
	protected Condition or(Condition base, Condition criteria) {
		List<Condition> all = new ArrayList<>();
		if (base instanceof Sql.Or or) {
			all.addAll(or.conditions());
		}
		else {
			all.add(base);
		}
		all.add(criteria);
		return new Sql.Or(all);
	}

	@Override
	protected Condition complete(@Nullable Condition criteria, Sort sort) {
		return criteria == null ? new Sql.And(List.of()) : criteria;
	}

	private PgPersistentProperty property(Part part) {
		PropertyPath path = part.getProperty();
		if (path.hasNext()) {
			throw new InvalidQueryException("property '" + path.toDotPath()
					+ "' is nested; data-bridge maps flat tables, query by a property of "
					+ this.entity.getType().getSimpleName());
		}
		PgPersistentProperty property = this.entity.getPersistentProperty(path.getSegment());
		if (property == null || property.isTransient()) {
			throw new InvalidQueryException("no property '" + path.getSegment() + "' on entity "
					+ this.entity.getType().getSimpleName() + " (known: "
					+ this.entity.columns().stream().map(PgPersistentProperty::getName).toList() + ")");
		}
		return property;
	}

	private Condition condition(Part part, PgPersistentProperty property, Iterator<Object> arguments) {
		Sql.Column column = new Sql.Column(property.columnName());
		boolean ignoreCase = ignoreCase(part, property);
		Expression left = ignoreCase ? lower(column) : column;
		return switch (part.getType()) {
			case SIMPLE_PROPERTY -> equality(part, property, left, ignoreCase, next(arguments), false);
			case NEGATING_SIMPLE_PROPERTY -> equality(part, property, left, ignoreCase, next(arguments), true);
			case BETWEEN -> new Sql.Between(column, comparable(part, property, next(arguments)),
					comparable(part, property, next(arguments)), false);
			case LESS_THAN, BEFORE -> compare(part, property, column, Operator.LT, next(arguments));
			case LESS_THAN_EQUAL -> compare(part, property, column, Operator.LE, next(arguments));
			case GREATER_THAN, AFTER -> compare(part, property, column, Operator.GT, next(arguments));
			case GREATER_THAN_EQUAL -> compare(part, property, column, Operator.GE, next(arguments));
			case IS_NULL -> new Sql.IsNull(column, false);
			case IS_NOT_NULL, EXISTS -> new Sql.IsNull(column, true);
			case TRUE -> bool(part, property, column, true);
			case FALSE -> bool(part, property, column, false);
			case LIKE -> like(part, property, column, ignoreCase, next(arguments), Transform.NONE, false);
			case NOT_LIKE -> like(part, property, column, ignoreCase, next(arguments), Transform.NONE, true);
			case STARTING_WITH ->
				like(part, property, column, ignoreCase, next(arguments), Transform.STARTING_WITH, false);
			case ENDING_WITH -> like(part, property, column, ignoreCase, next(arguments), Transform.ENDING_WITH, false);
			case CONTAINING -> containing(part, property, column, ignoreCase, next(arguments), false);
			case NOT_CONTAINING -> containing(part, property, column, ignoreCase, next(arguments), true);
			case IN -> in(part, property, left, ignoreCase, next(arguments), false);
			case NOT_IN -> in(part, property, left, ignoreCase, next(arguments), true);
			case REGEX -> {
				requireString(part, property);
				ArgumentShape argument = next(arguments);
				requireType(part, property, argument, String.class);
				yield new Comparison(column, ignoreCase ? Operator.IREGEX : Operator.REGEX,
						marker(argument, codec(String.class), Transform.NONE));
			}
			case NEAR, WITHIN -> vector(part, property, next(arguments));
			default -> throw new InvalidQueryException("keyword " + part.getType() + " on property '"
					+ property.getName() + "' has no PostgreSQL meaning in data-bridge");
		};
	}

	/**
	 * {@code column <op> ?::vector}, bounded by the score or range argument: {@code <= ?}
	 * for a Score, {@code BETWEEN ? AND ?} for a Range, nothing else.
	 */
	private Condition vector(Part part, PgPersistentProperty property, ArgumentShape argument) {
		VectorSearch vectorSearch = this.search;
		Class<?> raw = argument.rawType();
		if (vectorSearch == null || !property.isVector()) {
			throw new InvalidQueryException(part.getType() + " needs a vector property (a Vector or @VectorColumn"
					+ " float[]), but '" + property.getName() + "' is " + property.getType().getSimpleName());
		}
		if (!Vector.class.isAssignableFrom(raw) && raw != float[].class) {
			throw new InvalidQueryException(part.getType() + " on property '" + property.getName()
					+ "' needs a Vector or float[] parameter, got " + raw.getSimpleName());
		}
		Expression expression = new Sql.BinaryOperation(new Sql.Column(property.columnName()), this.metric.operator(),
				new Sql.Cast(marker(argument, this.codecs.forProperty(property), Transform.NONE), "vector"));
		this.distance = expression;
		return switch (vectorSearch.kind()) {
			case SCORE -> new Comparison(expression, Operator.LE, bound(vectorSearch, true));
			case RANGE -> new Sql.Between(expression, bound(vectorSearch, false), bound(vectorSearch, true), false);
			case NONE, FUNCTION -> new Sql.And(List.of());
		};
	}

	private Expression bound(VectorSearch vectorSearch, boolean upper) {
		String name = "a" + this.slots.size();
		this.slots.put(name,
				Slot.argument(vectorSearch.scoreIndex(), new VectorSearch.Bound(this.metric, upper), Transform.NONE));
		return new BindMarker(name);
	}

	private static ArgumentShape next(Iterator<Object> arguments) {
		return (ArgumentShape) arguments.next();
	}

	private Condition equality(Part part, PgPersistentProperty property, Expression left, boolean ignoreCase,
			ArgumentShape argument, boolean negated) {
		checkComparable(part, property, argument);
		if (argument.isNull()) {
			return new Sql.IsNull(new Sql.Column(property.columnName()), negated);
		}
		Expression right = marker(argument, this.codecs.forProperty(property), Transform.NONE);
		return new Comparison(left, negated ? Operator.NE : Operator.EQ, ignoreCase ? lower(right) : right);
	}

	private Condition compare(Part part, PgPersistentProperty property, Sql.Column column, Operator operator,
			ArgumentShape argument) {
		return new Comparison(column, operator, comparable(part, property, argument));
	}

	private Expression comparable(Part part, PgPersistentProperty property, ArgumentShape argument) {
		checkComparable(part, property, argument);
		return marker(argument, this.codecs.forProperty(property), Transform.NONE);
	}

	private Condition bool(Part part, PgPersistentProperty property, Sql.Column column, boolean value) {
		if (ClassUtils.resolvePrimitiveIfNecessary(property.getType()) != Boolean.class) {
			throw new InvalidQueryException(part.getType() + " needs a boolean property, but '" + property.getName()
					+ "' is " + property.getType().getSimpleName());
		}
		Condition predicate = new Sql.Predicate(column);
		return value ? predicate : new Sql.Not(predicate);
	}

	private Condition like(Part part, PgPersistentProperty property, Sql.Column column, boolean ignoreCase,
			ArgumentShape argument, Transform transform, boolean negated) {
		requireString(part, property);
		requireType(part, property, argument, String.class);
		Operator operator = ignoreCase ? (negated ? Operator.NOT_ILIKE : Operator.ILIKE)
				: (negated ? Operator.NOT_LIKE : Operator.LIKE);
		return new Comparison(column, operator, marker(argument, codec(String.class), transform));
	}

	private Condition containing(Part part, PgPersistentProperty property, Sql.Column column, boolean ignoreCase,
			ArgumentShape argument, boolean negated) {
		if (isMultiValued(property)) {
			Class<?> elementType = property.getActualType();
			requireType(part, property, argument, elementType);
			// "? = ANY(column)": element containment that works for any array element
			// type
			Condition contains = new Sql.AnyOf(marker(argument, codec(elementType), Transform.NONE), column, false);
			return negated ? new Sql.Not(contains) : contains;
		}
		return like(part, property, column, ignoreCase, argument, Transform.CONTAINING, negated);
	}

	private Condition in(Part part, PgPersistentProperty property, Expression left, boolean ignoreCase,
			ArgumentShape argument, boolean negated) {
		Class<?> raw = argument.rawType();
		if (!Collection.class.isAssignableFrom(raw) && !raw.isArray()) {
			throw new InvalidQueryException(part.getType() + " on property '" + property.getName()
					+ "' needs a Collection or array parameter, got " + raw.getSimpleName());
		}
		Class<?> element = raw.isArray() ? raw.getComponentType() : argument.type().asCollection().resolveGeneric(0);
		if (element != null) {
			checkComparable(part, property, new ArgumentShape(argument.index(),
					org.springframework.core.ResolvableType.forClass(element), false));
		}
		// IgnoreCase compares lower(column) with the values lower-cased (Locale.ROOT)
		// before binding
		Transform transform = ignoreCase ? Transform.LOWER_CASE_ARRAY : Transform.ARRAY;
		return new Sql.AnyOf(left, marker(argument, this.codecs.forProperty(property), transform), negated);
	}

	private Expression marker(ArgumentShape argument, ValueCodec codec, Transform transform) {
		String name = "a" + this.slots.size();
		this.slots.put(name, Slot.argument(argument.index(), codec, transform));
		return new BindMarker(name);
	}

	private ValueCodec codec(Class<?> type) {
		ValueCodec codec = this.codecs.find(type);
		if (codec == null) {
			throw new InvalidQueryException("no PostgreSQL mapping for values of type " + type.getName());
		}
		return codec;
	}

	private static boolean isMultiValued(PgPersistentProperty property) {
		return property.isCollectionLike() && property.getType() != byte[].class;
	}

	private static boolean ignoreCase(Part part, PgPersistentProperty property) {
		return switch (part.shouldIgnoreCase()) {
			case NEVER -> false;
			case WHEN_POSSIBLE -> property.getType() == String.class;
			case ALWAYS -> {
				if (property.getType() != String.class) {
					throw new InvalidQueryException("IgnoreCase needs a String property, but '" + property.getName()
							+ "' is " + property.getType().getSimpleName());
				}
				yield true;
			}
		};
	}

	private static void requireString(Part part, PgPersistentProperty property) {
		if (property.getType() != String.class) {
			throw new InvalidQueryException(part.getType() + " needs a String property, but '" + property.getName()
					+ "' is " + property.getType().getSimpleName());
		}
	}

	private static void requireType(Part part, PgPersistentProperty property, ArgumentShape argument, Class<?> type) {
		Class<?> declared = ClassUtils.resolvePrimitiveIfNecessary(argument.rawType());
		Class<?> wanted = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (!declared.isAssignableFrom(wanted) && !wanted.isAssignableFrom(declared)) {
			throw new InvalidQueryException(part.getType() + " on property '" + property.getName() + "' needs a "
					+ wanted.getSimpleName() + " parameter, got " + argument.rawType().getSimpleName());
		}
	}

	/**
	 * A parameter is comparable when either type is assignable to the other, or both are
	 * numbers.
	 */
	private static void checkComparable(Part part, PgPersistentProperty property, ArgumentShape argument) {
		Class<?> declared = ClassUtils.resolvePrimitiveIfNecessary(argument.rawType());
		Class<?> propertyType = ClassUtils.resolvePrimitiveIfNecessary(property.getType());
		boolean numbers = Number.class.isAssignableFrom(declared) && Number.class.isAssignableFrom(propertyType);
		if (!numbers && !declared.isAssignableFrom(propertyType) && !propertyType.isAssignableFrom(declared)) {
			throw new InvalidQueryException("parameter " + argument.index() + " of type "
					+ argument.rawType().getSimpleName() + " cannot be compared with property '" + property.getName()
					+ "' of type " + property.getType().getSimpleName() + " (" + part.getType() + ")");
		}
	}

	private static Expression lower(Expression expression) {
		return new Sql.FunctionCall("lower", List.of(expression));
	}

	/**
	 * A method that cannot become SQL; the query wraps it into a
	 * {@code QueryCreationException}.
	 */
	static final class InvalidQueryException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidQueryException(String message) {
			super(message);
		}

	}

}
