package io.databridge.postgres.autoconfigure.initorder;

import java.util.List;

import io.databridge.postgres.repository.PgRepository;

public interface GadgetRepository extends PgRepository<Gadget, Long> {

	List<Gadget> findByLabel(String label);

}
