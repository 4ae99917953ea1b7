package io.databridge.postgres.internal.criteria;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.convert.BindValueChecks;
import io.databridge.postgres.internal.criteria.PreparedSql.Binding;
import io.databridge.postgres.internal.sql.RenderedSql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import org.jspecify.annotations.Nullable;

/**
 * Collects the values of one statement while its tree is built: each value gets a
 * placeholder named {@code p1}, {@code p2}, ... in the order it was added, so the same
 * criteria shape always yields the same tree (and hits the same cached text) whatever its
 * values. Not thread-safe; one instance per call.
 */
final class Bindings {

	/** Binds a String (JSON keys, text-search configurations, JSON documents). */
	static final ValueBinder STRING = (ps, i, v) -> ps.setString(i, (String) v);

	/** Binds an untyped NULL, whose type PostgreSQL infers from the context. */
	static final ValueBinder NULL = (ps, i, v) -> ps.setNull(i, Types.NULL);

	/** For trees that are only formatted, never executed. */
	static final ValueBinder UNBOUND = (ps, i, v) -> {
		throw new IllegalStateException("This statement was built for formatting only");
	};

	private final List<Binding> list = new ArrayList<>();

	/** What the values added next belong to, for messages. */
	private String about = "a query parameter";

	/**
	 * Says what the values added next belong to ("is(...) on property 'name'"), so that a
	 * value that cannot be sent is named.
	 */
	void about(String about) {
		this.about = about;
	}

	/**
	 * Adds a value and returns its placeholder.
	 * @throws IllegalArgumentException when text in the value cannot be sent (a NUL
	 * character, a lone surrogate), naming what the value belongs to
	 */
	BindMarker add(@Nullable Object value, ValueBinder binder) {
		try {
			BindValueChecks.check(value);
		}
		catch (IllegalArgumentException ex) {
			throw named(ex);
		}
		String name = "p" + (this.list.size() + 1);
		this.list.add(new Binding(name, value, binder, this.about));
		return new BindMarker(name);
	}

	/**
	 * Adds a JSON document sent as text and cast to {@code jsonb}.
	 * @throws IllegalArgumentException when {@code jsonb} cannot store the text
	 */
	BindMarker addJsonb(String json) {
		try {
			BindValueChecks.jsonb(json);
		}
		catch (IllegalArgumentException ex) {
			throw named(ex);
		}
		return add(json, STRING);
	}

	private IllegalArgumentException named(IllegalArgumentException ex) {
		return new IllegalArgumentException("Value of " + this.about + ": " + ex.getMessage(), ex);
	}

	/** Adds a list of values bound as one PostgreSQL array of the given element type. */
	BindMarker addArray(List<?> elements, String pgElementType) {
		return add(elements, (ps, i, v) -> {
			Object[] array = ((List<?>) v).stream().map(e -> e instanceof Enum<?> en ? en.name() : e).toArray();
			ps.setArray(i, ps.getConnection().createArrayOf(pgElementType, array));
		});
	}

	/** Orders the collected values as the rendered statement's placeholders. */
	PreparedSql prepare(RenderedSql rendered) {
		Map<String, Binding> byName = new HashMap<>();
		for (Binding binding : this.list) {
			byName.put(binding.name(), binding);
		}
		List<Binding> ordered = new ArrayList<>(rendered.parameters().size());
		for (String name : rendered.parameters()) {
			Binding binding = byName.get(name);
			if (binding == null) {
				throw new IllegalStateException("No value for placeholder " + name + " in " + rendered.sql());
			}
			ordered.add(binding);
		}
		return new PreparedSql(rendered.sql(), ordered);
	}

}
