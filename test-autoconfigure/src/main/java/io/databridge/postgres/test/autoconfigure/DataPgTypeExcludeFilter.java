package io.databridge.postgres.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Leaves every scanned component out of a {@link DataPgTest} context except those named
 * by its {@code includeFilters}: repositories are registered by data-bridge itself, not
 * by component scanning.
 */
public final class DataPgTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataPgTest> {

	/**
	 * Creates the filter for a test class.
	 * @param testClass the test class
	 */
	public DataPgTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

}
