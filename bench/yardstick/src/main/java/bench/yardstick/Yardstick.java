package bench.yardstick;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers {@code GET /} with the number of notes, read through JPA: ready means the whole stack is. */
@SpringBootApplication
@RestController
public class Yardstick {

    private final Notes notes;

    Yardstick(Notes notes) {
        this.notes = notes;
    }

    public static void main(String[] args) {
        SpringApplication.run(Yardstick.class, args);
    }

    @GetMapping("/")
    long count() {
        return notes.count();
    }
}
