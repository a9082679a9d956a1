import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CLIENT_DIR, readConfig } from './config.ts';

describe('readConfig', () => {
  it('has the documented defaults, directories resolved from the working directory', () => {
    expect(readConfig({}, '/srv/travaux')).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '/srv/travaux/data',
      databaseUrl: null,
      nodeUrl: null,
      leaseMs: 5000,
      redisUrl: null,
      catchUpMs: 5000,
      drainMs: 0,
      metricsToken: null,
      maxMessageBytes: 16 * 1024 * 1024,
      unloadGraceMs: 30_000,
      compactEvery: 500,
      clientDir: DEFAULT_CLIENT_DIR,
      seedDemo: true,
      publicUrl: null,
      adminToken: null,
      maxBufferedBytes: 64 * 1024 * 1024,
      maxJsonBodyBytes: 64 * 1024,
      maxDocumentBodyBytes: 16 * 1024 * 1024,
      maxPresenceBytes: 8 * 1024,
      shapeLimits: {
        maxDocumentBytes: 32 * 1024 * 1024,
        maxRecordBytes: 64 * 1024,
        maxRecordsPerDelegation: 10_000,
      },
    });
    expect(DEFAULT_CLIENT_DIR.endsWith('/client/dist')).toBe(true);
  });

  it('reads every variable', () => {
    const config = readConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        TRAVAUX_DATA_DIR: 'state',
        TRAVAUX_DATABASE_URL: 'postgres://travaux:pw@db.example.org:5432/travaux',
        TRAVAUX_NODE_URL: 'http://10.0.0.2:8787',
        TRAVAUX_LEASE_MS: '3000',
        TRAVAUX_REDIS_URL: 'redis://:pw@cache.example.org:6379/2',
        TRAVAUX_CATCH_UP_MS: '1000',
        TRAVAUX_DRAIN_MS: '4000',
        TRAVAUX_METRICS_TOKEN: 'a-long-metrics-token',
        TRAVAUX_MAX_MESSAGE_BYTES: '2048',
        TRAVAUX_UNLOAD_GRACE_MS: '250',
        TRAVAUX_COMPACT_EVERY: '10',
        TRAVAUX_CLIENT_DIR: '/opt/client',
        TRAVAUX_SEED_DEMO: 'false',
        TRAVAUX_PUBLIC_URL: 'https://travaux.example.org/',
        TRAVAUX_ADMIN_TOKEN: 'a-long-admin-token-value',
        TRAVAUX_MAX_BUFFERED_BYTES: '1048576',
        TRAVAUX_MAX_JSON_BODY_BYTES: '4096',
        TRAVAUX_MAX_DOCUMENT_BODY_BYTES: '8192',
        TRAVAUX_MAX_PRESENCE_BYTES: '512',
        TRAVAUX_MAX_DOCUMENT_BYTES: '1048576',
        TRAVAUX_MAX_RECORD_BYTES: '4096',
        TRAVAUX_MAX_RECORDS_PER_DELEGATION: '50',
      },
      '/srv',
    );
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/state',
      databaseUrl: 'postgres://travaux:pw@db.example.org:5432/travaux',
      nodeUrl: 'http://10.0.0.2:8787',
      leaseMs: 3000,
      redisUrl: 'redis://:pw@cache.example.org:6379/2',
      catchUpMs: 1000,
      drainMs: 4000,
      metricsToken: 'a-long-metrics-token',
      maxMessageBytes: 2048,
      unloadGraceMs: 250,
      compactEvery: 10,
      clientDir: '/opt/client',
      seedDemo: false,
      publicUrl: 'https://travaux.example.org',
      adminToken: 'a-long-admin-token-value',
      maxBufferedBytes: 1048576,
      maxJsonBodyBytes: 4096,
      maxDocumentBodyBytes: 8192,
      maxPresenceBytes: 512,
      shapeLimits: { maxDocumentBytes: 1048576, maxRecordBytes: 4096, maxRecordsPerDelegation: 50 },
    });
  });

  it('treats empty values as unset', () => {
    expect(readConfig({ PORT: '', TRAVAUX_SEED_DEMO: ' ' }, '/x')).toMatchObject({
      port: 8787,
      seedDemo: true,
    });
  });

  it.each([
    ['PORT', 'http', 'PORT: expected a whole number, got "http"'],
    ['PORT', '70000', 'PORT: expected 0–65535, got 70000'],
    ['TRAVAUX_MAX_MESSAGE_BYTES', '-5', 'TRAVAUX_MAX_MESSAGE_BYTES: expected a whole number, got "-5"'],
    ['TRAVAUX_UNLOAD_GRACE_MS', '1.5', 'TRAVAUX_UNLOAD_GRACE_MS: expected a whole number, got "1.5"'],
    ['TRAVAUX_COMPACT_EVERY', '0', 'TRAVAUX_COMPACT_EVERY: expected 1–1000000, got 0'],
    ['TRAVAUX_SEED_DEMO', 'maybe', 'TRAVAUX_SEED_DEMO: expected true or false, got "maybe"'],
    ['TRAVAUX_PUBLIC_URL', 'travaux.org', 'TRAVAUX_PUBLIC_URL: expected an http(s) URL, got "travaux.org"'],
    ['TRAVAUX_ADMIN_TOKEN', 'short', 'TRAVAUX_ADMIN_TOKEN: use at least 16 characters'],
    [
      'TRAVAUX_NODE_URL',
      'http://10.0.0.2:8787',
      'TRAVAUX_NODE_URL: several nodes need a shared database: set TRAVAUX_DATABASE_URL too',
    ],
    ['TRAVAUX_LEASE_MS', '100', 'TRAVAUX_LEASE_MS: expected 500–600000, got 100'],
    [
      'TRAVAUX_REDIS_URL',
      'redis://127.0.0.1:6379',
      'TRAVAUX_REDIS_URL: Redis joins several nodes: set TRAVAUX_NODE_URL too',
    ],
    [
      'TRAVAUX_REDIS_URL',
      'memcached://u:secret@h',
      'TRAVAUX_REDIS_URL: expected a redis://[user:password@]host:port[/db] URL',
    ],
    ['TRAVAUX_METRICS_TOKEN', 'short', 'TRAVAUX_METRICS_TOKEN: use at least 16 characters'],
    // The URL is not echoed: it may hold a password.
    [
      'TRAVAUX_DATABASE_URL',
      'mysql://u:secret@h/db',
      'TRAVAUX_DATABASE_URL: expected a postgres://user@host:port/database URL',
    ],
  ])('refuses %s=%s with an error naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      readConfig({ [name]: value }, '/x');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message).toBe(message);
  });
});
