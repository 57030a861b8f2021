package bench.yardstick;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The yardstick's one entity. */
@Entity
@Table(name = "yardstick_note")
class Note {

    @Id
    UUID id;

    String text;
}
