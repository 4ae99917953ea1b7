package io.databridge.postgres.repository.config;

import java.util.Map;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.event.AuditingEntityCallback;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.auditing.IsNewAwareAuditingHandler;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mapping.context.PersistentEntities;
import org.springframework.util.StringUtils;

/**
 * Registers the auditing callback for {@link EnablePgAuditing}. The handler is built on
 * first use from the {@link PgMappingContext} bean (or the {@link PgTemplate}'s), so the
 * callback can exist before them.
 */
@Configuration(proxyBeanMethods = false)
class PgAuditingConfiguration implements ImportAware {

	private AnnotationAttributes attributes = AnnotationAttributes
		.fromMap(Map.of("auditorAwareRef", "", "setDates", true, "modifyOnCreate", true, "dateTimeProviderRef", ""));

	@Override
	public void setImportMetadata(AnnotationMetadata importMetadata) {
		Map<String, @Nullable Object> found = importMetadata.getAnnotationAttributes(EnablePgAuditing.class.getName());
		if (found != null) {
			this.attributes = AnnotationAttributes.fromMap(found);
		}
	}

	@Bean
	AuditingEntityCallback pgAuditingEntityCallback(BeanFactory beanFactory) {
		AnnotationAttributes settings = this.attributes;
		return new AuditingEntityCallback(() -> handler(beanFactory, settings));
	}

	private static IsNewAwareAuditingHandler handler(BeanFactory beanFactory, AnnotationAttributes settings) {
		MappingContext<?, ?> bean = beanFactory.getBeanProvider(PgMappingContext.class).getIfUnique();
		MappingContext<?, ?> context = bean != null ? bean : beanFactory.getBean(PgTemplate.class).getMappingContext();
		IsNewAwareAuditingHandler handler = new IsNewAwareAuditingHandler(PersistentEntities.of(context));
		handler.setDateTimeForNow(settings.getBoolean("setDates"));
		handler.setModifyOnCreation(settings.getBoolean("modifyOnCreate"));
		String auditorAware = settings.getString("auditorAwareRef");
		if (StringUtils.hasText(auditorAware)) {
			handler.setAuditorAware(beanFactory.getBean(auditorAware, AuditorAware.class));
		}
		else {
			beanFactory.getBeanProvider(AuditorAware.class).ifUnique(handler::setAuditorAware);
		}
		String dateTimeProvider = settings.getString("dateTimeProviderRef");
		if (StringUtils.hasText(dateTimeProvider)) {
			handler.setDateTimeProvider(beanFactory.getBean(dateTimeProvider, DateTimeProvider.class));
		}
		handler.afterPropertiesSet();
		return handler;
	}

}
