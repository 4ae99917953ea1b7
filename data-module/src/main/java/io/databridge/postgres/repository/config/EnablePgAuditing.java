package io.databridge.postgres.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Turns on auditing: {@code @CreatedDate}, {@code @CreatedBy}, {@code @LastModifiedDate}
 * and {@code @LastModifiedBy} are filled whenever {@code PgTemplate} (or a repository)
 * saves an entity, by an
 * {@link io.databridge.postgres.mapping.event.AuditingEntityCallback} bean this
 * annotation registers. The auditor comes from an
 * {@link org.springframework.data.domain.AuditorAware} bean (the one named by
 * {@link #auditorAwareRef()}, or the only one); dates come from a
 * {@link org.springframework.data.auditing.DateTimeProvider} bean when named, else the
 * current time. With Spring Boot, {@code databridge.pg.auditing.enabled=true} does the
 * same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(PgAuditingConfiguration.class)
public @interface EnablePgAuditing {

	/** The name of the {@code AuditorAware} bean; empty means the single one, if any. */
	String auditorAwareRef() default "";

	/** Whether creation and modification dates are set. */
	boolean setDates() default true;

	/** Whether a new entity also gets its last-modified fields. */
	boolean modifyOnCreate() default true;

	/** The name of the {@code DateTimeProvider} bean; empty means the current time. */
	String dateTimeProviderRef() default "";

}
