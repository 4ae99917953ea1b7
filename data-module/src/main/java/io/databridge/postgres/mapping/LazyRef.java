package io.databridge.postgres.mapping;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one {@link Ref} implementation: an id, and once data-bridge has seen the reference,
 * a loader for its target. Applications create references with {@link Ref#of(Object)};
 * {@link #attach} and {@link #resolve} are called by data-bridge when it reads or saves
 * the entity that holds the reference. The first {@link #get()} loads under a lock (a
 * {@link ReentrantLock}, so a virtual thread waiting for the query does not pin its
 * carrier); later calls read a volatile field. {@link #resolve(Object)} lets a batched
 * fetch fill many references with one query.
 *
 * @param <T> the referenced aggregate type
 */
public final class LazyRef<T> implements Ref<T> {

	private final Object id;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Function<Object, ? extends T> loader;

	private volatile @Nullable T target;

	/**
	 * Creates a reference that knows only its id.
	 * @param id the target's id, not {@code null}
	 */
	public LazyRef(Object id) {
		Assert.notNull(id, "Ref id must not be null");
		this.id = id;
	}

	@Override
	public Object id() {
		return this.id;
	}

	@Override
	public T get() {
		T value = this.target;
		if (value != null) {
			return value;
		}
		this.lock.lock();
		try {
			value = this.target;
			if (value == null) {
				Function<Object, ? extends T> load = this.loader;
				if (load == null) {
					throw new IllegalStateException("Ref to id " + this.id + " cannot be loaded: it was built with "
							+ "Ref.of(id) and has not been saved or read through data-bridge");
				}
				value = load.apply(this.id);
				this.target = value;
			}
			return value;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isLoaded() {
		return this.target != null;
	}

	/**
	 * Tells the reference how to load its target, unless it already knows.
	 * @param load loads the target by id; must not return {@code null}
	 */
	public void attach(Function<Object, ? extends T> load) {
		if (this.loader == null) {
			this.loader = load;
		}
	}

	/**
	 * Sets the target, fetched by the caller.
	 * @param value the target, not {@code null}
	 */
	public void resolve(T value) {
		Assert.notNull(value, "Ref target must not be null");
		this.target = value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Ref<?> ref && this.id.equals(ref.id());
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "Ref[" + this.id + (isLoaded() ? ", loaded]" : "]");
	}

}
