package io.databridge.postgres.internal.repository.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import io.databridge.postgres.internal.convert.BinaryOutput;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.VectorMetric;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.repository.query.PgQueryCreator.InvalidQueryException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.Similarity;
import org.springframework.data.repository.query.Parameters;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * The vector search of a derived query: its {@code Near} or {@code Within} part on a
 * vector property, and the optional {@link Score}, {@code Range<Score>} or
 * {@link ScoringFunction} parameter that bounds the distance and picks the metric (see
 * {@link VectorMetric}). {@code Near} with a score keeps rows at most that far (a
 * {@link Similarity}: at least that similar); {@code Within} with a range keeps rows
 * inside it; without either, the query only orders by distance (top-k). The bounds are
 * bound as distances, so the statement orders and filters by the same indexed distance
 * expression. Immutable and thread-safe.
 *
 * @param part the Near / Within part
 * @param property the vector property
 * @param scoreIndex the bindable index of the score, range or function parameter, or -1
 * @param kind what that parameter is
 */
record VectorSearch(Part part, PgPersistentProperty property, int scoreIndex, Kind kind) {

	/** The kinds of the parameter that bounds or scores the search. */
	enum Kind {

		/** No such parameter: top-k by Euclidean distance. */
		NONE,
		/** A {@code Score}: the largest distance, or the smallest similarity. */
		SCORE,
		/** A {@code Range<Score>}: the distances or similarities kept. */
		RANGE,
		/** A {@code ScoringFunction}: only the metric. */
		FUNCTION

	}

	/** Whether a type is a parameter the vector search reads rather than the creator. */
	static boolean isScoreParameter(Class<?> type) {
		return Score.class.isAssignableFrom(type) || Range.class.isAssignableFrom(type)
				|| ScoringFunction.class.isAssignableFrom(type);
	}

	/**
	 * The vector search of a tree, or {@code null} when it has no Near / Within part.
	 * @throws InvalidQueryException for two of them, or one on a property that is not a
	 * vector
	 */
	static @Nullable VectorSearch of(PartTree tree, Parameters<?, ?> parameters, PgPersistentEntity<?> entity) {
		Part found = null;
		for (Part part : tree.getParts()) {
			if (part.getType() == Part.Type.NEAR || part.getType() == Part.Type.WITHIN) {
				if (found != null) {
					throw new InvalidQueryException(
							"a query searches one vector property; it has two Near/Within parts");
				}
				found = part;
			}
		}
		if (found == null) {
			return null;
		}
		PgPersistentProperty property = entity.getPersistentProperty(found.getProperty().getSegment());
		if (property == null || !property.isVector()) {
			throw new InvalidQueryException(found.getType() + " needs a vector property (a Vector or @VectorColumn"
					+ " float[]), but '" + found.getProperty().getSegment() + "' is not one");
		}
		int index = -1;
		int bindable = 0;
		Kind kind = Kind.NONE;
		for (var parameter : parameters) {
			if (parameter.isBindable()) {
				Class<?> type = parameter.getType();
				if (isScoreParameter(type)) {
					kind = Score.class.isAssignableFrom(type) ? Kind.SCORE
							: Range.class.isAssignableFrom(type) ? Kind.RANGE : Kind.FUNCTION;
					if (index >= 0) {
						throw new InvalidQueryException("a vector search takes one Score, Range<Score> or"
								+ " ScoringFunction parameter; it has two");
					}
					index = bindable;
				}
				bindable++;
			}
		}
		return new VectorSearch(found, property, index, kind);
	}

	/** The metric of a call: from its score, range or function argument. */
	VectorMetric metric(@Nullable Object[] bindable) {
		return VectorMetric.of(VectorMetric.functionOf(this.scoreIndex < 0 ? null : bindable[this.scoreIndex]));
	}

	/**
	 * Whether a call's results carry similarities (its bound is one) or raw distances.
	 */
	boolean similarities(@Nullable Object[] bindable) {
		return this.scoreIndex >= 0 && VectorMetric.isSimilarity(bindable[this.scoreIndex]);
	}

	/**
	 * Binds the lower ({@code upper == false}) or upper distance bound of a Score or
	 * Range argument for a metric ({@link VectorMetric#distanceBounds}).
	 */
	record Bound(VectorMetric metric, boolean upper) implements ValueCodec {

		@Override
		public Class<?> javaType() {
			return Object.class;
		}

		@Override
		public String pgType() {
			return "float8";
		}

		@Override
		public @Nullable Object read(ResultSet rs, int column) {
			throw new IllegalStateException("A distance bound is a parameter only; it is never read or copied");
		}

		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				throw new IllegalArgumentException("the Score or Range of a vector search must not be null");
			}
			ps.setObject(index, this.metric.distanceBounds(value)[this.upper ? 1 : 0], Types.DOUBLE);
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			throw new IllegalStateException("A distance bound is a parameter only; it is never read or copied");
		}

	}

	/** A score of a distance, as a similarity or raw. */
	static Score score(VectorMetric metric, double distance, boolean similarity) {
		return similarity ? Similarity.raw(metric.similarity(distance), metric.function())
				: Score.of(distance, metric.function());
	}

}
