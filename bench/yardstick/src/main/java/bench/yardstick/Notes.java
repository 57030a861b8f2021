package bench.yardstick;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface Notes extends JpaRepository<Note, UUID> {}
