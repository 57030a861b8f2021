CREATE TABLE yardstick_note (id uuid PRIMARY KEY, text text);
