/**
 * Builds the Lambda handler from configuration and clients (cold start), so tests can build
 * one against the emulator with their own environment. handler.ts is the only entry that
 * calls this with process.env.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { S3OutputSink } from './adapters/s3-sink.js';
import { S3ObjectSource } from './adapters/s3-source.js';
import { DynamoSessionsStore } from './adapters/sessions-store.js';
import { SnsSummaryPublisher } from './adapters/summary-publisher.js';
import { publishUploadMetrics } from './adapters/upload-metrics.js';
import { uploadIdOf } from './core/upload-id.js';
import type { UploadCounts, UploadStatus } from './core/upload-report.js';
import { parseInvocation, type SkippedRecord, type UploadRef } from './events.js';
import { type IngestDeps, ingestUpload } from './ingest.js';
import { type AppOverrides, createRuntime } from './runtime.js';

/** What the function returns per upload, and what the idempotency record keeps. */
export interface UploadOutcome {
  readonly uploadId: string;
  readonly key: string;
  readonly status: UploadStatus | 'gone';
  readonly reportKey: string | null;
  readonly counts: UploadCounts | null;
  readonly published: boolean;
}

/** One entry of Lambda's SQS partial batch response. */
export interface BatchItemFailure {
  /** The SQS messageId. */
  readonly itemIdentifier: string;
}

export interface HandlerResult {
  readonly uploads: readonly UploadOutcome[];
  readonly skipped: number;
  /**
   * Only for an SQS event: the messages whose uploads failed, as the partial batch response
   * that an event source mapping with ReportBatchItemFailures reads. SQS deletes the other
   * messages and delivers these again.
   */
  readonly batchItemFailures?: readonly BatchItemFailure[];
}

export type { AppOverrides } from './runtime.js';

export type Handler = (event: unknown, context: Context) => Promise<HandlerResult>;

export function createHandler(
  env: Record<string, string | undefined> = process.env,
  overrides: AppOverrides = {},
): Handler {
  const { config, clients, logger, metrics, tracer, now } = createRuntime(env, overrides);

  const deps: IngestDeps = {
    source: new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: config.idleTimeoutMs }),
    sink: new S3OutputSink(clients.s3, config.processedBucket),
    store: new DynamoSessionsStore(clients.documents, config.sessionsTable, {
      versionsTable: config.idempotencyTable,
      marksTable: config.goldMarksTable,
      now,
    }),
    publisher: new SnsSummaryPublisher(clients.sns, clients.documents, {
      topicArn: config.summaryTopicArn,
      markerTable: config.idempotencyTable,
      markerTtlSeconds: config.idempotencyTtlSeconds,
      now,
      onMarkerFailure: (uploadId, error) =>
        logger.error(
          'summary published but its marker was not saved; a retry of this upload may publish again',
          {
            uploadId,
            error,
          },
        ),
    }),
    defaultTimezone: config.defaultTimezone,
    maxRejectedShare: config.maxRejectedShare,
    maxUploadBytes: config.maxUploadBytes,
    defaultUnits: config.defaultUnits,
    now,
    // Lambda sets it to the version running (a number behind the `live` alias).
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? null,
  };

  const idempotency = new IdempotencyConfig({ expiresAfterSeconds: config.idempotencyTtlSeconds });
  const processUpload = async (upload: UploadRef): Promise<UploadOutcome> => {
    const started = performance.now();
    tracer.putAnnotation('uploadId', uploadIdOf(upload));
    tracer.putAnnotation('athlete', upload.athlete);
    const result = await ingestUpload(upload, deps);
    if (result.status === 'gone') {
      logger.warn('object version no longer exists or changed since the event; nothing to process', {
        ...objectFields(upload),
        durationMs: Math.round(performance.now() - started),
      });
      return {
        uploadId: result.uploadId,
        key: upload.key,
        status: 'gone',
        reportKey: null,
        counts: null,
        published: false,
      };
    }
    const { report, published } = result;
    // Inside the idempotent function: a redelivered event replays the stored outcome and
    // counts nothing twice.
    publishUploadMetrics(metrics, report);
    logger.info('upload processed', {
      uploadId: report.uploadId,
      ...objectFields(upload),
      status: report.status,
      format: report.format,
      rejection: report.rejection?.code,
      counts: report.counts,
      published,
      durationMs: Math.round(performance.now() - started),
    });
    return {
      uploadId: report.uploadId,
      key: upload.key,
      status: report.status,
      reportKey: report.outputs.report,
      counts: report.counts,
      published,
    };
  };
  const processOnce = makeIdempotent(processUpload, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config.idempotencyTable,
      awsSdkV3Client: clients.dynamodb,
    }),
    config: idempotency,
  });

  const logSkipped = (skipped: readonly SkippedRecord[]) => {
    for (const record of skipped) {
      if (record.reason === 'unreadable') logger.error('record dropped: it can never be read', { ...record });
      else logger.info('record skipped', { ...record });
    }
  };
  const processLogged = async (upload: UploadRef): Promise<UploadOutcome> => {
    logger.appendKeys({ uploadId: uploadIdOf(upload), key: upload.key });
    try {
      return await processOnce(upload);
    } finally {
      logger.removeKeys(['uploadId', 'key']);
    }
  };

  return async (event, context) => {
    logger.addContext(context);
    idempotency.registerLambdaContext(context);
    const invocation = parseInvocation(event);
    logSkipped(invocation.skipped);
    const uploads: UploadOutcome[] = [];
    if (invocation.source === 'direct') {
      // A failure throws: Lambda's async retries, then the on-failure destination.
      for (const upload of invocation.uploads) uploads.push(await processLogged(upload));
      return { uploads, skipped: invocation.skipped.length };
    }
    // S3 -> SQS -> Lambda: a failed message is reported rather than thrown, so SQS deletes
    // the others and delivers only it again (and, after the queue's maxReceiveCount, moves
    // it to the queue's dead-letter queue). One message after the other, as direct events.
    const batchItemFailures: BatchItemFailure[] = [];
    let skipped = invocation.skipped.length;
    for (const message of invocation.messages) {
      logger.appendKeys({ messageId: message.messageId });
      try {
        logSkipped(message.skipped);
        skipped += message.skipped.length;
        for (const upload of message.uploads) {
          try {
            uploads.push(await processLogged(upload));
          } catch (error) {
            // The message's other uploads run when it comes back (idempotent, so the ones
            // before this one are not processed twice).
            logger.error('upload failed; SQS will deliver its message again', {
              error,
              uploadId: uploadIdOf(upload),
              ...objectFields(upload),
            });
            batchItemFailures.push({ itemIdentifier: message.messageId });
            break;
          }
        }
      } finally {
        logger.removeKeys(['messageId']);
      }
    }
    return { uploads, skipped, batchItemFailures };
  };
}

/**
 * Which object a log line is about. versionId is null rather than missing on unversioned
 * buckets (and in the emulator), so a query can tell "no version" from "not logged".
 * Never the body: exports hold people's training history.
 */
function objectFields(upload: UploadRef) {
  return { bucket: upload.bucket, key: upload.key, versionId: upload.versionId ?? null, eTag: upload.eTag };
}
