package io.databridge.postgres.internal.relation;

import java.util.List;
import java.util.Optional;

/**
 * Loads the targets of references: complete aggregates, by id. The entity executor
 * implements it, so that relations never depend on the public operations API.
 */
public interface TargetLoader {

	/** The aggregate with this id, completed as every read completes it. */
	<T> Optional<T> findById(Object id, Class<T> type);

	/** The aggregates with these ids, in no particular order; unknown ids are skipped. */
	<T> List<T> findAllById(Iterable<?> ids, Class<T> type);

}
