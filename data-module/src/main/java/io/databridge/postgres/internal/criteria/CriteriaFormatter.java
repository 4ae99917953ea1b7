package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import io.databridge.postgres.query.CriteriaFormat;
import io.databridge.postgres.query.CriteriaNode;
import io.databridge.postgres.query.Update;

/**
 * The {@link CriteriaFormat} data-bridge provides (registered in
 * {@code META-INF/services}): the {@code toString()} of criteria and updates: their SQL
 * shape with {@code ?} placeholders, rendered without an entity, so property paths stand
 * in for column names and nothing is checked. A {@code contains} with a {@code String}
 * shows as {@code LIKE}, with anything else as {@code @>}.
 */
public final class CriteriaFormatter implements CriteriaFormat {

	/** Created by {@link java.util.ServiceLoader}. */
	public CriteriaFormatter() {
	}

	/** The shape of a condition, e.g. {@code "age" > ? AND "name" LIKE ?}. */
	@Override
	public String format(CriteriaNode node) {
		try {
			Sql.Condition condition = new ConditionTranslator(TargetResolver.untyped(), new Bindings()).translate(node);
			return SqlRenderer.render(condition).sql();
		}
		catch (RuntimeException ex) {
			return node.toString();
		}
	}

	/**
	 * The SET clause of an update, e.g.
	 * {@code SET "name" = ?, "logins" = ("logins" + ?)}.
	 */
	@Override
	public String format(Update update) {
		if (update.assignments().isEmpty()) {
			return "SET (nothing)";
		}
		List<Sql.Assignment> assignments = new ArrayList<>();
		Bindings bindings = new Bindings();
		for (Update.Assignment assignment : update.assignments()) {
			assignments.add(UpdateTranslator.assignment(TargetResolver.untyped().resolve(assignment.path()), assignment,
					bindings, null));
		}
		String sql = SqlRenderer.render(new Sql.Update(new Sql.Table(null, "t"), assignments, null, List.of())).sql();
		return sql.substring(sql.indexOf(" SET ") + 1);
	}

}
