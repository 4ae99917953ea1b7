package io.databridge.postgres.mapping;

/**
 * A many-to-one reference to another aggregate, stored as that aggregate's id in one
 * column of the referencing table. The column is named by {@link Column}, or else the
 * property's column name followed by {@code _id} ({@code Ref<Customer> customer} reads
 * {@code customer_id}). Saving or deleting the referencing entity never saves or deletes
 * the referenced one.
 *
 * <p>
 * A reference read by data-bridge loads its target on the first {@link #get()} (one
 * {@code SELECT} by id), unless a query fetched it eagerly
 * ({@code PgTemplate.fetchReferences}, one batched query for a whole page). Lazy loading
 * outside a transaction is supported and defined: each first access borrows a connection
 * from the template's DataSource for that one query, so it sees the data committed at
 * that moment, which may be newer than the row that holds the reference. Inside a
 * transaction it joins it.
 *
 * <p>
 * Two references are equal when their ids are equal. Implementations are thread-safe; a
 * target is loaded at most once per reference.
 *
 * @param <T> the referenced aggregate type
 */
public interface Ref<T> {

	/**
	 * A reference that carries only an id, for writing: it can be saved, but
	 * {@link #get()} fails until data-bridge has loaded or saved the entity that holds
	 * it.
	 * @param id the referenced aggregate's id, not {@code null}
	 */
	static <T> Ref<T> of(Object id) {
		return new LazyRef<>(id);
	}

	/** The referenced aggregate's id, never {@code null}. */
	Object id();

	/**
	 * The referenced aggregate, loaded on first access and kept.
	 * @throws org.springframework.dao.EmptyResultDataAccessException when no row has the
	 * id
	 * @throws IllegalStateException when the reference was built with {@link #of(Object)}
	 * and never passed through data-bridge, so it does not know where to load from
	 */
	T get();

	/** Whether {@link #get()} would return without a query. */
	boolean isLoaded();

}
