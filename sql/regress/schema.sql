-- The differential suite's schema, created identically in distgres (through the coordinator)
-- and in a plain PostgreSQL database. distribute.sql then distributes the tables in distgres only.

CREATE TABLE users (
    user_id      bigint PRIMARY KEY,
    name         text,
    email        text,
    country_code text,
    age          int,
    score        float8,
    balance      numeric(12,2),
    is_active    boolean,
    signup_date  date,
    created_at   timestamptz,
    last_login   timestamp,
    tags         text[],
    profile      jsonb
);

CREATE TABLE orders (
    order_id    bigint NOT NULL,
    user_id     bigint NOT NULL,
    product_id  int,
    status      text,
    quantity    int,
    amount      numeric(12,2),
    discount    float8,
    is_gift     boolean,
    ordered_at  timestamptz,
    ship_date   date,
    PRIMARY KEY (user_id, order_id)
);

CREATE TABLE events (
    event_id    bigint NOT NULL,
    user_id     bigint NOT NULL,
    event_type  text,
    duration_ms int,
    value       float8,
    occurred_at timestamp,
    payload     jsonb,
    PRIMARY KEY (user_id, event_id)
);

-- co-located with users, written by the DML corpus (INSERT ... SELECT targets)
CREATE TABLE order_archive (
    order_id   bigint NOT NULL,
    user_id    bigint NOT NULL,
    product_id int,
    status     text,
    amount     numeric(12,2),
    note       text,
    PRIMARY KEY (user_id, order_id)
);

CREATE TABLE user_stats (
    user_id      bigint PRIMARY KEY,
    order_count  bigint,
    total_amount numeric(14,2),
    last_status  text
);

-- not co-located with users: distributed by an int key of its own
CREATE TABLE products (
    product_id  int PRIMARY KEY,
    category_id int,
    name        text,
    price       numeric(10,2),
    weight      float8,
    in_stock    boolean,
    labels      int[]
);

-- distributed by user_id but with another shard count: not co-located with users either
CREATE TABLE sessions (
    session_id bigint NOT NULL,
    user_id    bigint NOT NULL,
    device     text,
    started_at timestamptz,
    pages      int,
    PRIMARY KEY (user_id, session_id)
);

-- reference tables
CREATE TABLE countries (
    code   text PRIMARY KEY,
    name   text NOT NULL,
    region text
);

CREATE TABLE categories (
    category_id int PRIMARY KEY,
    name        text NOT NULL,
    parent_id   int
);

-- a local (coordinator-only) table
CREATE TABLE promotions (
    promo_id   int PRIMARY KEY,
    user_id    bigint,
    product_id int,
    percent    int,
    starts_on  date,
    code       text
);

-- many shards, written only by dml/08_many_shards.sql (distributed with 128 shards)
CREATE TABLE ledger (
    entry_id bigint PRIMARY KEY,
    user_id  bigint,
    amount   numeric(12,2),
    note     text
);

-- distributed by a timestamptz: a key written without an offset means a time in the session's
-- TimeZone (session.sql sets one other than UTC), for the router's hash as for the workers
CREATE TABLE readings (
    taken_at timestamptz PRIMARY KEY,
    sensor   int NOT NULL,
    value    float8
);
