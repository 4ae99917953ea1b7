package io.databridge.postgres.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.databridge.postgres.repository.support.PgRepositoryFactoryBean;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;

/**
 * Enables data-bridge repositories in packages other than the application's own. Spring
 * Boot applications do not need it for repositories under their
 * {@code @SpringBootApplication} package; use it to scan further packages or outside
 * Boot.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(PgRepositoriesRegistrar.class)
public @interface EnablePgRepositories {

	/** Alias for {@link #basePackages()}. */
	String[] value() default {};

	/**
	 * Packages to scan for repository interfaces; empty means the annotated class's
	 * package.
	 */
	String[] basePackages() default {};

	/** Classes whose packages are scanned. */
	Class<?>[] basePackageClasses() default {};

	/** Types to include. */
	Filter[] includeFilters() default {};

	/** Types to exclude. */
	Filter[] excludeFilters() default {};

	/** Suffix of custom implementation classes. */
	String repositoryImplementationPostfix() default "Impl";

	/** Location of named queries. */
	String namedQueriesLocation() default "";

	/** How query methods are resolved. */
	QueryLookupStrategy.Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

	/**
	 * The factory bean class for each repository: {@link PgRepositoryFactoryBean} or a
	 * subclass of it.
	 */
	Class<?> repositoryFactoryBeanClass() default PgRepositoryFactoryBean.class;

	/**
	 * A base class for repositories other than the default;
	 * {@code DefaultRepositoryBaseClass} (the Spring Data marker for "not set") keeps
	 * {@code SimplePgRepository}.
	 */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/** Whether nested repository interfaces are considered. */
	boolean considerNestedRepositories() default false;

	/** The bean name of the {@code PgTemplate} repositories use. */
	String pgTemplateRef() default "pgTemplate";

	/** The bean name of the transaction manager repositories use. */
	String transactionManagerRef() default "transactionManager";

	/** When repositories are created. */
	BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;

}
