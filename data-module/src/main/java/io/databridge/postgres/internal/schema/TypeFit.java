package io.databridge.postgres.internal.schema;

import java.util.Map;
import java.util.Objects;

import io.databridge.postgres.internal.schema.SchemaModel.ColumnModel;
import io.databridge.postgres.internal.sql.Ddl.TypeName;

/**
 * How a column's type fits the type a property expects, following what the codecs accept
 * (see {@code ColumnCodecs}): an integer column of another width is written and read with
 * a range check, a text-like column takes any text, JSON either flavour, an enum stored
 * by name any text-like or enum column, a domain whatever its base type takes. The
 * verdict tells the migration what to do.
 */
enum TypeFit {

	/** The same type, or one the codec reads and writes without loss. */
	SAME,
	/**
	 * The column is narrower than the property (a {@code Long} in an {@code integer}, a
	 * {@code String} in a {@code varchar(20)}): some values do not fit. Widening the
	 * column is safe.
	 */
	WIDEN,
	/**
	 * The column is wider than the property (an {@code Integer} in a {@code bigint}):
	 * some stored values cannot be read. Narrowing the column can lose data.
	 */
	NARROW,
	/** The codec cannot use the column; converting it may fail or lose data. */
	INCOMPATIBLE;

	private static final Map<String, Integer> WIDTHS = Map.of("smallint", 2, "integer", 4, "bigint", 8, "real", 4,
			"double precision", 8, "numeric", 100);

	private static final int UNBOUNDED = Integer.MAX_VALUE;

	static TypeFit of(ColumnModel expected, ColumnModel found) {
		if (expected.type().dimensions() != found.type().dimensions()) {
			return INCOMPATIBLE;
		}
		TypeName wanted = expected.type().element();
		TypeName actual = found.type().element();
		TypeName domainBase = found.domainBase();
		if (same(wanted, actual) || (domainBase != null && same(wanted, domainBase))) {
			return SAME;
		}
		String wantedBase = TypeNames.base(wanted);
		String actualBase = TypeNames.base(actual);
		if (expected.enumAsText() && (actual.userDefined() || isText(actualBase))) {
			return SAME;
		}
		if (wanted.userDefined() || actual.userDefined()) {
			return wanted.userDefined() && isText(actualBase) ? NARROW : INCOMPATIBLE;
		}
		if (wantedBase.equals(actualBase)) {
			return byModifiers(TypeNames.modifiers(wanted), TypeNames.modifiers(actual));
		}
		if (isJson(wantedBase) && isJson(actualBase)) {
			return SAME;
		}
		if (isText(wantedBase) && isText(actualBase)) {
			return actualBase.equals("character") ? WIDEN : compare(length(wanted), length(actual));
		}
		return numeric(wantedBase, actualBase);
	}

	private static TypeFit numeric(String wanted, String actual) {
		Integer wantedWidth = WIDTHS.get(wanted);
		Integer actualWidth = WIDTHS.get(actual);
		if (wantedWidth == null || actualWidth == null) {
			return INCOMPATIBLE;
		}
		if (wanted.equals("numeric")) {
			return WIDEN;
		}
		if (actual.equals("numeric")) {
			return NARROW;
		}
		if (isFloat(wanted) != isFloat(actual)) {
			return INCOMPATIBLE;
		}
		return compare(wantedWidth, actualWidth);
	}

	private static TypeFit byModifiers(int[] wanted, int[] actual) {
		if (wanted.length == 0) {
			return actual.length == 0 ? SAME : WIDEN;
		}
		if (actual.length == 0) {
			return NARROW;
		}
		boolean smaller = false;
		boolean larger = false;
		for (int i = 0; i < Math.min(wanted.length, actual.length); i++) {
			smaller |= actual[i] < wanted[i];
			larger |= actual[i] > wanted[i];
		}
		return smaller && larger ? INCOMPATIBLE : smaller ? WIDEN : larger ? NARROW : SAME;
	}

	private static TypeFit compare(int wanted, int actual) {
		return actual < wanted ? WIDEN : actual > wanted ? NARROW : SAME;
	}

	private static boolean same(TypeName wanted, TypeName actual) {
		if (!wanted.name().equals(actual.name())) {
			return false;
		}
		return !wanted.userDefined() || wanted.schema() == null || actual.schema() == null
				|| Objects.equals(wanted.schema(), actual.schema());
	}

	private static int length(TypeName type) {
		int[] modifiers = TypeNames.modifiers(type);
		return modifiers.length == 0 ? UNBOUNDED : modifiers[0];
	}

	private static boolean isText(String base) {
		return base.equals("text") || base.equals("character varying") || base.equals("character");
	}

	private static boolean isJson(String base) {
		return base.equals("json") || base.equals("jsonb");
	}

	private static boolean isFloat(String base) {
		return base.equals("real") || base.equals("double precision");
	}

}
