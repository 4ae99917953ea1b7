package io.databridge.postgres.internal.relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.mapping.LazyRef;

import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;

/**
 * The relations of one aggregate root type: its owned collections
 * ({@link OwnedCollection}) and its {@link io.databridge.postgres.mapping.Ref} columns,
 * and those of its children. A type with neither answers {@link #isEmpty()} and costs its
 * callers nothing. References never cascade: saving or deleting the root writes only the
 * referenced id.
 *
 * <p>
 * Loaded references get a loader that runs {@link TargetLoader#findById} on first access,
 * joining the current transaction when there is one and otherwise borrowing a connection
 * for that single query. {@link #fetch} instead resolves a reference property for a whole
 * list of roots with one {@link TargetLoader#findAllById} query. Thread-safe.
 *
 * @param <T> the root type
 */
public final class Relations<T> {

	private final PgPersistentEntity<T> root;

	private final PgMappingContext context;

	private final TargetLoader operations;

	private final List<OwnedCollection> collections;

	private final Map<PgPersistentEntity<?>, List<PgPersistentProperty>> references = new HashMap<>();

	/**
	 * Prepares the relations of a root type.
	 * @throws org.springframework.data.mapping.MappingException when a collection or
	 * reference cannot be mapped
	 */
	public Relations(PgPersistentEntity<T> root, PgMappingContext context, ValueCodecs codecs,
			EntityInstantiators instantiators, TargetLoader operations) {
		this.root = root;
		this.context = context;
		this.operations = operations;
		List<OwnedCollection> owned = new ArrayList<>();
		for (PgPersistentProperty property : root.collections()) {
			PgPersistentEntity<?> child = context.entity(property.childType());
			owned.add(new OwnedCollection(property, root, child, codecs, instantiators));
			if (!child.references().isEmpty()) {
				this.references.put(child, child.references());
			}
		}
		this.collections = List.copyOf(owned);
		if (!root.references().isEmpty()) {
			this.references.put(root, root.references());
		}
		for (List<PgPersistentProperty> refs : this.references.values()) {
			refs.forEach(PgPersistentProperty::referenceIdType);
		}
	}

	/** Whether the type has neither owned collections nor references. */
	public boolean isEmpty() {
		return this.collections.isEmpty() && this.references.isEmpty();
	}

	/** Whether saving or deleting the type touches more than its own table. */
	public boolean cascades() {
		return !this.collections.isEmpty();
	}

	/**
	 * Completes freshly read roots: loads each owned collection for all of them (one
	 * query per collection) and attaches their references, and their children's, to
	 * loaders.
	 * @return the roots, in order (copies for immutable types)
	 */
	public List<T> load(ObservedJdbc jdbc, List<T> roots) {
		List<T> result = roots;
		for (OwnedCollection collection : this.collections) {
			result = collection.load(jdbc, result);
		}
		attachAll(result);
		return result;
	}

	/**
	 * Writes the owned collections of a saved root: for an update, first deletes the rows
	 * it had.
	 * @return the root, holding children with generated ids when any were generated
	 */
	public T saveChildren(ObservedJdbc jdbc, T saved, boolean replace) {
		if (this.collections.isEmpty()) {
			attachAll(List.of(saved));
			return saved;
		}
		Object id = this.root.getPropertyAccessor(saved).getProperty(this.root.requireId());
		if (id == null) {
			throw new IllegalStateException("Saved " + this.root.getType().getSimpleName() + " has no id");
		}
		T result = saved;
		for (OwnedCollection collection : this.collections) {
			if (replace) {
				collection.deleteByOwner(jdbc, id);
			}
			result = collection.insert(jdbc, result, id);
		}
		attachAll(List.of(result));
		return result;
	}

	/** Deletes the owned collections of one root. */
	public void deleteChildren(ObservedJdbc jdbc, Object rootId) {
		for (OwnedCollection collection : this.collections) {
			collection.deleteByOwner(jdbc, rootId);
		}
	}

	/** Deletes the owned collections of these roots. */
	public void deleteChildren(ObservedJdbc jdbc, List<Object> rootIds) {
		for (OwnedCollection collection : this.collections) {
			collection.deleteByOwners(jdbc, rootIds);
		}
	}

	/** Deletes every row of the owned collections' tables. */
	public void deleteAllChildren(ObservedJdbc jdbc) {
		for (OwnedCollection collection : this.collections) {
			collection.deleteAll(jdbc);
		}
	}

	/**
	 * Resolves reference properties of many roots at once: one query per property for all
	 * targets not loaded yet.
	 * @param properties names of {@code Ref} properties of the root type
	 * @throws InvalidDataAccessApiUsageException naming a property that is not a
	 * reference
	 */
	public void fetch(List<? extends T> roots, String... properties) {
		for (String name : properties) {
			PgPersistentProperty property = this.root.requireProperty(name);
			if (!property.isReference()) {
				throw new InvalidDataAccessApiUsageException("Property '" + name + "' of "
						+ this.root.getType().getSimpleName() + " is not a Ref; only references can be fetched");
			}
			fetch(roots, property);
		}
	}

	private void fetch(List<? extends T> roots, PgPersistentProperty property) {
		List<LazyRef<Object>> pending = new ArrayList<>();
		Set<Object> ids = new LinkedHashSet<>();
		for (T entity : roots) {
			if (entity != null && this.root.getPropertyAccessor(entity).getProperty(property) instanceof LazyRef<?> ref
					&& !ref.isLoaded()) {
				LazyRef<Object> typed = cast(ref);
				pending.add(typed);
				ids.add(typed.id());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		Class<?> targetType = property.referenceTargetType();
		PgPersistentEntity<?> target = this.context.entity(targetType);
		Map<Object, Object> byId = new HashMap<>();
		for (Object found : this.operations.findAllById(ids, targetType)) {
			byId.put(accessor(target, found).getProperty(target.requireId()), found);
		}
		for (LazyRef<Object> ref : pending) {
			Object found = byId.get(ref.id());
			if (found != null) {
				ref.resolve(found);
			}
		}
	}

	private void attachAll(List<?> roots) {
		if (this.references.isEmpty()) {
			return;
		}
		List<PgPersistentProperty> rootRefs = this.references.get(this.root);
		for (Object entity : roots) {
			if (rootRefs != null) {
				attach(this.root, entity, rootRefs);
			}
			for (OwnedCollection collection : this.collections) {
				PgPersistentEntity<?> child = this.context.entity(collection.property().childType());
				List<PgPersistentProperty> childRefs = this.references.get(child);
				Object children = accessor(this.root, entity).getProperty(collection.property());
				if (childRefs != null && children instanceof Iterable<?> iterable) {
					for (Object c : iterable) {
						attach(child, c, childRefs);
					}
				}
			}
		}
	}

	private void attach(PgPersistentEntity<?> owner, Object entity, List<PgPersistentProperty> refs) {
		PersistentPropertyAccessor<Object> accessor = accessor(owner, entity);
		for (PgPersistentProperty property : refs) {
			if (accessor.getProperty(property) instanceof LazyRef<?> ref) {
				Class<?> target = property.referenceTargetType();
				LazyRef<Object> typed = cast(ref);
				typed.attach(
						id -> this.operations.findById(id, target)
							.orElseThrow(() -> new EmptyResultDataAccessException("Ref '" + property.getName() + "' of "
									+ owner.getType().getSimpleName() + " points to " + target.getSimpleName()
									+ " with id " + id + ", which does not exist", 1)));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static PersistentPropertyAccessor<Object> accessor(PgPersistentEntity<?> entity, Object bean) {
		return ((PgPersistentEntity<Object>) entity).getPropertyAccessor(bean);
	}

	@SuppressWarnings("unchecked")
	private static <V> V cast(Object value) {
		return (V) value;
	}

}
