package io.databridge.postgres.query;

import io.databridge.postgres.query.CriteriaFixtures.User;
import io.databridge.postgres.repository.PgRepository;

/** The repository of {@link CriteriaRepositoryIntegrationTests}. */
interface CriteriaUserRepository extends PgRepository<User, Long> {

}
