package io.databridge.postgres.autoconfigure.actuate;

import io.databridge.postgres.autoconfigure.PgDataProperties;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.observation.PgBulkObservationConvention;
import io.databridge.postgres.observation.PgStatementObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives every {@link PgTemplate} the application's {@link ObservationRegistry} (none: no
 * observations), the observation conventions the application declares, and the
 * {@code databridge.pg.log-bind-values} policy of the SQL log.
 */
class PgTemplateObservationPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ObservationRegistry> registry;

	private final ObjectProvider<PgStatementObservationConvention> statementConvention;

	private final ObjectProvider<PgBulkObservationConvention> bulkConvention;

	private final ObjectProvider<PgDataProperties> properties;

	PgTemplateObservationPostProcessor(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<PgStatementObservationConvention> statementConvention,
			ObjectProvider<PgBulkObservationConvention> bulkConvention, ObjectProvider<PgDataProperties> properties) {
		this.registry = registry;
		this.statementConvention = statementConvention;
		this.bulkConvention = bulkConvention;
		this.properties = properties;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof PgTemplate template) {
			PgDataProperties settings = this.properties.getIfAvailable();
			template.setObservation(this.registry.getIfUnique(() -> ObservationRegistry.NOOP),
					this.statementConvention.getIfUnique(), this.bulkConvention.getIfUnique(),
					settings != null && settings.isLogBindValues());
		}
		return bean;
	}

}
