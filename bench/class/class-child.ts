// The lab of the class bench, alone in its process: createLabServer in class mode with an
// instructor and N student accounts (created here, in-process: the roster import's work is not
// what is measured), every listener the students use on a free port (open SMTP for the load
// generator, SMTPS for their mail clients and their alerts, MQTT for their devices). Started by
// run-class.ts with the spec as argv[2]; answers on IPC.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLabServer } from '../../server/lab-server.js';
import { serveBenchChild } from '../child-process.js';
import { INSTRUCTOR, studentAddress, type ClassServerReady, type ClassServerSpec, type ClassServerStats } from './class-protocol.js';

const HOST = '127.0.0.1';
/** Accounts hashed at once: scrypt runs on libuv's pool (4 threads), so more only queue. */
const CREATE_PARALLEL = 8;

void serveBenchChild<ClassServerSpec, Omit<ClassServerReady, 'type'>, ClassServerStats>({ students: 3, password: 'bench class password' }, async (spec) => {
  const lab = await createLabServer({
    host: HOST,
    smtpPort: 0,
    smtpsPort: 0,
    submissionPort: false,
    httpPort: 0,
    mqttPort: 0,
    classMode: true,
    // One kettle per student, and room for the bench's own.
    maxObjects: spec.students + 10,
    log: (level, message) => process.stderr.write(`lab ${level}: ${message}\n`),
  });
  const started = performance.now();
  await lab.accounts.create(INSTRUCTOR, spec.password, { role: 'instructor', name: 'Instructor' });
  for (let next = 0; next < spec.students; next += CREATE_PARALLEL) {
    const batch = Array.from({ length: Math.min(CREATE_PARALLEL, spec.students - next) }, (_, i) => next + i);
    await Promise.all(batch.map((i) => lab.accounts.create(studentAddress(i), spec.password, { name: `Student ${i + 1}` })));
  }
  const accountsMs = Math.round(performance.now() - started);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const ms = (nanos: number) => Math.round((nanos / 1e6) * 10) / 10;
  return {
    ready: {
      url: lab.url,
      smtpPort: lab.smtpPort,
      smtpsPort: lab.smtpsPort as number,
      mqttPort: lab.mqttPort as number,
      certificate: lab.certificate,
      adminToken: lab.adminToken,
      instructor: INSTRUCTOR,
      accountsMs,
    },
    stats(): ClassServerStats {
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const alerts = lab.objects.registry.alerts.stats();
      const loopDelay = { p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) };
      loop.reset();
      return {
        accepted: lab.mailbox.stats().accepted,
        sessions: lab.sessions.list({ limit: 0 }).total,
        alertsSent: alerts.sent,
        alertsFailed: alerts.failed,
        alertsSending: alerts.sending,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        cpuUserMicros: cpu.user,
        cpuSystemMicros: cpu.system,
        loopDelay,
      };
    },
    async close() {
      loop.disable();
      await lab.close();
    },
  };
});
