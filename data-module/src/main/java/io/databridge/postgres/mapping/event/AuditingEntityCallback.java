package io.databridge.postgres.mapping.event;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;
import org.springframework.data.auditing.IsNewAwareAuditingHandler;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Fills {@code @CreatedDate}, {@code @CreatedBy}, {@code @LastModifiedDate} and
 * {@code @LastModifiedBy} before an entity is saved, through Spring Data's
 * {@link IsNewAwareAuditingHandler}: a new entity (by Spring Data's {@code isNew}: null
 * id, or a null or primitive-zero {@code @Version}) gets the created and, by default, the
 * modified fields; any other entity only the modified ones. Like every Spring Data
 * auditing, the fields must be writable: mutable properties, or records and other
 * immutable types with wither methods. Registered by
 * {@link io.databridge.postgres.repository.config.EnablePgAuditing} or the
 * {@code databridge.pg.auditing.enabled} property. Thread-safe.
 */
public class AuditingEntityCallback implements BeforeConvertCallback<Object>, Ordered {

	/** The order of this callback: early, so later callbacks see the audited entity. */
	public static final int ORDER = 100;

	private final SingletonSupplier<IsNewAwareAuditingHandler> handler;

	/**
	 * Creates the callback.
	 * @param handler supplies the auditing handler on first use (so that the mapping
	 * context and {@code AuditorAware} beans may be created after this callback)
	 */
	public AuditingEntityCallback(ObjectFactory<IsNewAwareAuditingHandler> handler) {
		Assert.notNull(handler, "Auditing handler factory must not be null");
		this.handler = SingletonSupplier.of(handler::getObject);
	}

	@Override
	public Object onBeforeConvert(Object entity) {
		return this.handler.obtain().markAudited(entity);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
