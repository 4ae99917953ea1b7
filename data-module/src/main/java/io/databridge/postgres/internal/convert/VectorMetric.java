package io.databridge.postgres.internal.convert;

import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.VectorScoringFunctions;

/**
 * The vector distances pgvector indexes, and Spring Data's scores for them. A
 * {@link ScoringFunction} picks the operator: Euclidean {@code <->}, cosine {@code <=>},
 * dot product {@code <#>} (pgvector's negative inner product); an unspecified function is
 * Euclidean. A raw score is the operator's value (smaller is nearer); a similarity is
 * normalised to [0, 1], larger is nearer, as Spring Data's {@code Similarity} is:
 * {@code 1 / (1 + d)} for Euclidean, {@code (1 + cos) / 2} for cosine,
 * {@code (1 + a·b) / 2} for the dot product. Both orders agree, so a similarity bound is
 * turned into a distance bound and the query keeps ordering by the indexed distance.
 */
public enum VectorMetric {

	/** Euclidean (L2) distance. */
	EUCLIDEAN(Sql.ValueOperator.L2_DISTANCE, VectorScoringFunctions.EUCLIDEAN),

	/** Cosine distance. */
	COSINE(Sql.ValueOperator.COSINE_DISTANCE, VectorScoringFunctions.COSINE),

	/** Negative inner product. */
	DOT_PRODUCT(Sql.ValueOperator.NEGATIVE_INNER_PRODUCT, VectorScoringFunctions.DOT_PRODUCT);

	private final Sql.ValueOperator operator;

	private final ScoringFunction function;

	VectorMetric(Sql.ValueOperator operator, ScoringFunction function) {
		this.operator = operator;
		this.function = function;
	}

	/**
	 * The metric of a scoring function.
	 * @param function a function; {@code null} or unspecified is Euclidean
	 * @throws IllegalArgumentException for a function pgvector has no operator for
	 */
	public static VectorMetric of(@Nullable ScoringFunction function) {
		if (function == null || function == ScoringFunction.unspecified()
				|| function == VectorScoringFunctions.EUCLIDEAN) {
			return EUCLIDEAN;
		}
		if (function == VectorScoringFunctions.COSINE) {
			return COSINE;
		}
		if (function == VectorScoringFunctions.DOT_PRODUCT) {
			return DOT_PRODUCT;
		}
		throw new IllegalArgumentException("No pgvector distance for the scoring function " + function.getName()
				+ "; use Euclidean, cosine or dot product");
	}

	/**
	 * The scoring function a Score, a Range of Scores or a ScoringFunction names.
	 * @param argument the argument, possibly {@code null}
	 * @return the function, {@code null} when the argument names none
	 */
	public static @Nullable ScoringFunction functionOf(@Nullable Object argument) {
		if (argument instanceof ScoringFunction function) {
			return function;
		}
		if (argument instanceof Score score) {
			return score.getFunction();
		}
		if (argument instanceof Range<?> range) {
			Object lower = range.getLowerBound().getValue().orElse(null);
			Object bound = lower != null ? lower : range.getUpperBound().getValue().orElse(null);
			return bound instanceof Score score ? score.getFunction() : null;
		}
		return null;
	}

	/**
	 * Whether a Score or a Range of Scores is a {@link Similarity} (or a range of them).
	 */
	public static boolean isSimilarity(@Nullable Object argument) {
		if (argument instanceof Range<?> range) {
			return range.getLowerBound().getValue().orElse(null) instanceof Similarity
					|| range.getUpperBound().getValue().orElse(null) instanceof Similarity;
		}
		return argument instanceof Similarity;
	}

	/**
	 * The distances a Score or a Range of Scores keeps, as {@code [lowest, highest]}: a
	 * Score is the largest distance (a Similarity the smallest similarity); unbounded
	 * ends become infinities, exclusive ends the next double inward, similarities their
	 * distances (which swaps the ends).
	 * @param argument a Score or a Range of Scores
	 * @throws IllegalArgumentException for anything else
	 */
	public double[] distanceBounds(Object argument) {
		if (argument instanceof Score score) {
			double highest = score instanceof Similarity ? distance(score.getValue()) : score.getValue();
			return new double[] { Double.NEGATIVE_INFINITY, highest };
		}
		if (!(argument instanceof Range<?> range)) {
			throw new IllegalArgumentException("A vector distance is bounded by a Score or a Range of Scores, not "
					+ argument.getClass().getName());
		}
		boolean similarity = isSimilarity(range);
		return new double[] { end(similarity ? range.getUpperBound() : range.getLowerBound(), similarity, false),
				end(similarity ? range.getLowerBound() : range.getUpperBound(), similarity, true) };
	}

	private double end(Range.Bound<?> bound, boolean similarity, boolean upper) {
		Object end = bound.getValue().orElse(null);
		if (end == null) {
			return upper ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
		}
		if (!(end instanceof Score score)) {
			throw new IllegalArgumentException("A vector distance range holds Scores, not " + end.getClass().getName());
		}
		double distance = similarity ? distance(score.getValue()) : score.getValue();
		if (bound.isInclusive()) {
			return distance;
		}
		return upper ? Math.nextDown(distance) : Math.nextUp(distance);
	}

	/** The distance operator. */
	public Sql.ValueOperator operator() {
		return this.operator;
	}

	/** Spring Data's scoring function of this metric. */
	public ScoringFunction function() {
		return this.function;
	}

	/** The similarity in [0, 1] of a distance this metric's operator returned. */
	public double similarity(double distance) {
		return switch (this) {
			case EUCLIDEAN -> 1 / (1 + distance);
			case COSINE -> (2 - distance) / 2;
			case DOT_PRODUCT -> (1 - distance) / 2;
		};
	}

	/**
	 * The distance whose similarity is the given one (the inverse of
	 * {@link #similarity}).
	 */
	public double distance(double similarity) {
		return switch (this) {
			case EUCLIDEAN -> similarity <= 0 ? Double.POSITIVE_INFINITY : 1 / similarity - 1;
			case COSINE -> 2 - 2 * similarity;
			case DOT_PRODUCT -> 1 - 2 * similarity;
		};
	}

}
