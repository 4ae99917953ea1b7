package io.databridge.postgres.internal.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.databridge.postgres.internal.sql.Ddl.TypeName;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL type names in their canonical spelling, the one {@code format_type} prints
 * ({@code bigint}, {@code character varying(100)}, {@code timestamp(3) with time zone}),
 * so that a type derived from the mapping compares equal to the one read from the
 * catalog. Codecs name types internally ({@code int8}, {@code _text}); users write
 * aliases ({@code int}, {@code varchar(320)}, {@code timestamptz}); both are
 * canonicalized here.
 */
final class TypeNames {

	private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("bool", "boolean"),
			Map.entry("boolean", "boolean"), Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
			Map.entry("int4", "integer"), Map.entry("int", "integer"), Map.entry("integer", "integer"),
			Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"), Map.entry("float8", "double precision"),
			Map.entry("double precision", "double precision"), Map.entry("float4", "real"), Map.entry("real", "real"),
			Map.entry("text", "text"), Map.entry("varchar", "character varying"),
			Map.entry("character varying", "character varying"), Map.entry("bpchar", "character"),
			Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("numeric", "numeric"),
			Map.entry("decimal", "numeric"), Map.entry("uuid", "uuid"), Map.entry("bytea", "bytea"),
			Map.entry("date", "date"), Map.entry("time", "time without time zone"),
			Map.entry("time without time zone", "time without time zone"), Map.entry("timetz", "time with time zone"),
			Map.entry("time with time zone", "time with time zone"),
			Map.entry("timestamp", "timestamp without time zone"),
			Map.entry("timestamp without time zone", "timestamp without time zone"),
			Map.entry("timestamptz", "timestamp with time zone"),
			Map.entry("timestamp with time zone", "timestamp with time zone"), Map.entry("interval", "interval"),
			Map.entry("json", "json"), Map.entry("jsonb", "jsonb"));

	private static final Pattern SPELLED = Pattern.compile(
			"([a-z][a-z0-9_]*(?: [a-z0-9_]+)*) ?(?:\\((\\d+(?:\\s*,\\s*\\d+)?)\\) ?([a-z]+(?: [a-z]+)*)?)? ?((?:\\[\\])*)");

	private TypeNames() {
	}

	/**
	 * The type of a codec's internal name: {@code int8} is {@code bigint}, {@code _text}
	 * is {@code text[]}.
	 */
	static TypeName ofCodec(String internalName) {
		if (internalName.startsWith("_")) {
			return ofCodec(internalName.substring(1)).array();
		}
		String canonical = CANONICAL.get(internalName);
		return canonical != null ? TypeName.builtIn(canonical) : TypeName.user(null, internalName);
	}

	/**
	 * The type a user spelled in {@code @ColumnDefinition(type = ...)}: aliases resolved,
	 * modifiers kept ({@code varchar(320)} is {@code character varying(320)}); a name
	 * that is no known built-in type is taken as a user type's (an enum, a domain).
	 * @throws IllegalArgumentException naming the text when it is no type name
	 */
	static TypeName parse(String text) {
		String lower = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
		Matcher matcher = SPELLED.matcher(lower);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a PostgreSQL type: '" + text + "'");
		}
		String base = matcher.group(1) + (matcher.group(3) == null ? "" : " " + matcher.group(3));
		@Nullable String modifier = matcher.group(2) == null ? null : matcher.group(2).replace(" ", "");
		int dimensions = matcher.group(4).length() / 2;
		String canonical = CANONICAL.get(base);
		TypeName type;
		if (canonical == null) {
			if (modifier != null) {
				throw new IllegalArgumentException("Unknown PostgreSQL type with a modifier: '" + text + "'");
			}
			type = TypeName.user(null, text.trim().replace("[]", ""));
		}
		else {
			type = TypeName.builtIn(withModifier(canonical, modifier, base));
		}
		for (int i = 0; i < dimensions; i++) {
			type = type.array();
		}
		return type;
	}

	private static String withModifier(String canonical, @Nullable String modifier, String base) {
		if (modifier == null) {
			return base.equals("char") || base.equals("character") ? "character(1)" : canonical;
		}
		if (canonical.startsWith("time")) {
			int space = canonical.indexOf(' ');
			return canonical.substring(0, space) + "(" + modifier + ")" + canonical.substring(space);
		}
		return canonical + "(" + modifier + ")";
	}

	/**
	 * The base name without modifiers: {@code character varying(10)} is
	 * {@code character varying}, {@code timestamp(3) with time zone} is
	 * {@code timestamp with time zone}.
	 */
	static String base(TypeName type) {
		return type.name().replaceAll("\\(\\d+(,\\d+)?\\)", "");
	}

	/**
	 * The modifiers as numbers ({@code numeric(12,2)} gives {@code [12, 2]}), empty when
	 * there is none.
	 */
	static int[] modifiers(TypeName type) {
		Matcher matcher = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)").matcher(type.name());
		if (!matcher.find()) {
			return new int[0];
		}
		return matcher.group(2) == null ? new int[] { Integer.parseInt(matcher.group(1)) }
				: new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
	}

}
