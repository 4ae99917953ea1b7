package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.query.CriteriaNode;
import io.databridge.postgres.query.CriteriaNode.Junction;
import io.databridge.postgres.query.CriteriaNode.Negation;
import io.databridge.postgres.query.CriteriaNode.Predicate;

/**
 * Walks a criteria tree depth-first, left to right, turning junctions and negations into
 * their SQL counterparts and each predicate into a condition through
 * {@link PredicateTranslator}. Placeholders are numbered in that order, so equal shapes
 * give equal trees.
 */
final class ConditionTranslator {

	private final TargetResolver resolver;

	private final PredicateTranslator predicates;

	ConditionTranslator(TargetResolver resolver, Bindings bindings) {
		this.resolver = resolver;
		this.predicates = new PredicateTranslator(bindings);
	}

	Sql.Condition translate(CriteriaNode node) {
		return switch (node) {
			case Predicate predicate -> this.predicates.translate(this.resolver.resolve(predicate.path()), predicate);
			case Negation negation -> new Sql.Not(translate(negation.part()));
			case Junction junction -> {
				List<Sql.Condition> parts = new ArrayList<>(junction.parts().size());
				for (CriteriaNode part : junction.parts()) {
					parts.add(translate(part));
				}
				yield junction.or() ? new Sql.Or(parts) : new Sql.And(parts);
			}
		};
	}

}
