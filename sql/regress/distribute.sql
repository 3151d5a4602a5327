-- Run in distgres only, after schema.sql and before the data is loaded.
SELECT create_distributed_table('users', 'user_id');
SELECT create_distributed_table('orders', 'user_id', colocate_with => 'users');
SELECT create_distributed_table('events', 'user_id', colocate_with => 'users');
SELECT create_distributed_table('order_archive', 'user_id', colocate_with => 'users');
SELECT create_distributed_table('user_stats', 'user_id', colocate_with => 'users');
SELECT create_distributed_table('products', 'product_id', colocate_with => 'none');
SELECT create_distributed_table('sessions', 'user_id', colocate_with => 'none', shard_count => 8);
SELECT create_distributed_table('readings', 'taken_at', colocate_with => 'none');
SELECT create_reference_table('countries');
SELECT create_reference_table('categories');
SELECT create_distributed_table('ledger', 'entry_id', colocate_with => 'none', shard_count => 128);
