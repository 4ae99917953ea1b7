package io.databridge.postgres.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Bootstraps a {@link DataPgTest}: reads its {@code properties}. */
final class DataPgTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataPgTest> {

}
