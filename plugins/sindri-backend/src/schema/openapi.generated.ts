// Generated from plugins/sindri-backend/src/schema/openapi.yaml by scripts/openapi-generate.mjs: do not edit.

import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import type { SindriApiOperations as operations } from '@internal/plugin-sindri-common';

/** The spec the router validates every request against. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'sindri',
    version: '0.1.0',
    description:
      "The Sindri fleet API, served by the `sindri` backend plugin under `/api/sindri`.\nEvery route except `/health` and the agent routes requires a Backstage user or service\ntoken and is authorized through the Backstage permission framework. Agents authenticate\nwith their own token on `POST /ingest` and on the WebSocket `GET /agent/connect`.\n\nThree operations are WebSocket upgrades, marked `x-websocket: true`: `GET /agent/connect`\n(agents), `GET /instances/{name}/terminal/{session}` (browser terminals) and\n`GET /internal/agent-links/{instanceId}` (between replicas). They are answered before the\nExpress router, by the plugin's upgrade handler; their descriptions give the message\nprotocol.\n\nErrors answer with the Backstage error body (`Error`): `{error: {name, message}, ...}`,\nwhere the message names the offending field, e.g. `target.instances: ...`.\n",
    license: {
      name: 'UNLICENSED',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Health of the Sindri plugin and the database it uses.',
        description:
          "Answers without credentials, like the backend's readiness probe, so that a\nload balancer can poll it. It reveals the database client, not its address.\n",
        security: [],
        responses: {
          '200': {
            description: 'The database answers and the schema is migrated.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Health',
                },
              },
            },
          },
          '503': {
            description:
              "The database does not answer (within 2 seconds), and since when. The backend keeps\nserving: agents' samples are refused with 503 and buffered by the agents until it is\nback.\n",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Health',
                },
              },
            },
          },
        },
      },
    },
    '/ingest': {
      post: {
        operationId: 'ingest',
        summary:
          "Ingest a batch of agent frames (the agent's fallback when it cannot hold a WebSocket).",
        description:
          "Authenticated by the agent's own token (`Authorization: Bearer sindri_...`), not by Backstage\ncredentials. Each frame is judged on its own: an invalid one is refused alone, in its place\namong the results (400 naming `frames.<i>.<field>`), a frame over the rate limit gets 429 and\none the portal could not store 503; the agent sends those two again later. Samples are\nstored once per id, so a batch may be resent safely. The whole body must fit 256 KiB.\n",
        security: [
          {
            AgentToken: [],
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['frames'],
                properties: {
                  frames: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 500,
                    description:
                      'Agent frames (`AgentFrame`), each validated on its own.',
                    items: {},
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'One result per frame, in order; a frame refused (invalid, over the rate limit, not stored now, a registration for another instance) has an error result naming its id.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    results: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/BackendFrame',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '413': {
            $ref: '#/components/responses/TooLarge',
          },
          '503': {
            description:
              'The portal cannot check agent tokens now (its database); try again.',
          },
        },
      },
    },
    '/agent/install.sh': {
      get: {
        operationId: 'getAgentInstallScript',
        summary: "The script that installs this portal's agent on an instance.",
        description:
          "Authenticated by the instance's own agent token. The script downloads `GET /agent/bundle`\nwith that token (read from `SINDRI_AGENT_TOKEN`, never put on a command line), checks its\nsha256 against the one written into the script, installs the bundle's native dependencies\n(node-pty) beside it with npm, and puts a `sindri-agent` launcher in `~/.local/bin`. The\nconsole-agent extension runs it.\n",
        security: [
          {
            AgentToken: [],
          },
        ],
        responses: {
          '200': {
            description: 'A bash script.',
            content: {
              'text/x-shellscript': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '503': {
            description:
              'This portal has no agent bundle (`sindri.agents.bundleDir` unset, or not built).',
          },
        },
      },
    },
    '/agent/bundle': {
      get: {
        operationId: 'getAgentBundle',
        summary:
          'The agent, bundled into one JavaScript file that Node.js runs.',
        description:
          "Authenticated by the instance's own agent token. Headers `X-Sindri-Agent-Version` and\n`X-Sindri-Agent-Sha256` say which bundle it is.\n",
        security: [
          {
            AgentToken: [],
          },
        ],
        responses: {
          '200': {
            description: 'The bundle.',
            content: {
              'application/javascript': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '503': {
            description:
              'This portal has no agent bundle (`sindri.agents.bundleDir` unset, or not built).',
          },
        },
      },
    },
    '/agent/connect': {
      get: {
        operationId: 'connectAgent',
        'x-websocket': true,
        summary: "The agent's WebSocket (an upgrade, not an Express route).",
        description:
          "An agent's one outbound connection, upgraded to a WebSocket and authenticated by its\nown token (`Authorization: Bearer sindri_...`), not by Backstage credentials.\n\nText messages are JSON frames:\n- ingest frames (`AgentFrame`: register, heartbeat, metrics, event, logs), handled in order\n  and each answered by a `BackendFrame`: `{type: ack, id}` or\n  `{type: error, id, status, message}` naming the refused frame's id, with the statuses\n  of `POST /ingest` (400 invalid, 413 over 256 KiB: dropped by the agent; 409 not\n  registered yet, 429 over the rate limit, 503 not stored now: sent again later). At\n  most 256 frames or 4 MiB wait per connection; past that the socket is not read until\n  they are handled;\n- live control frames, `pty-*` (terminals) and `cmd-*` (commands), both ways; the zod\n  schemas `backendLiveFrameSchema` and `agentLiveFrameSchema` of\n  `@internal/plugin-sindri-common` (`live/liveFrames.ts`) are authoritative.\n\nBinary messages are terminal data frames,\n`[kind: 1 byte][session id length: 1 byte][session id: ASCII][payload]` with kind\n1 output and 3 replay (agent to backend) or 2 input (backend to agent); one that does not\ndecode is answered by an error frame with status 400.\n\nLive frames are rate-limited per instance (`sindri.ingest.rateLimit.liveFramesPerSecond`):\nover it the socket is not read for a moment; nothing is dropped. `cmd-exit` and `pty-exit`\nare acknowledged (`cmd-exit-ack`, `pty-exit-ack`) once stored; the agent sends them again\non every connect until then.\n\nThe backend pings a connection silent for `sindri.agents.keepaliveInterval`; one that does\nnot answer within half of it is terminated and its instance marked unresponsive. A connection whose token is\nrevoked, rotated or removed with its instance is closed with 4401 within a second\n(`sindri.agents.tokenCheckInterval`). A message over 1 MiB closes the connection with code\n1009; an ingest frame the backend fails to answer closes it with 1011 (the agent sends\nagain what was not answered when it reconnects); the backend closes every connection\nwith 1001 when it stops. Terminal sessions and\ncommands that another replica starts reach the agent through this connection's replica\n(`GET /internal/agent-links/{instanceId}`).\n",
        security: [
          {
            AgentToken: [],
          },
        ],
        responses: {
          '101': {
            description: 'Switching protocols; the agent is connected.',
          },
          '400': {
            description:
              'Not a valid WebSocket handshake (answered by the WebSocket server, plain text).',
          },
          '401': {
            description:
              'Missing, malformed or revoked agent token (empty body).',
          },
          '503': {
            description:
              'The portal cannot check agent tokens now (empty body).',
          },
        },
      },
    },
    '/internal/agent-links/{instanceId}': {
      get: {
        operationId: 'bridgeAgentLink',
        'x-websocket': true,
        summary:
          "Another replica's bridge to an agent connected here (a WebSocket upgrade).",
        description:
          "Backend replicas sharing a database reach an agent connected to another replica through\nthis socket on that replica (`sindri_agent_links` says which; `sindri_replicas` its\n`sindri.replicas.internalUrl`). Only the Sindri plugin's own service credentials are\naccepted (a plugin token for `sindri`, from `plugin:sindri`): the calling replica checked\nthe user's permission first. Refusals are plain HTTP answers with the JSON error body:\n401 without valid service credentials, 403 for any other principal, 404 when the agent\nis not connected to this replica.\n\nMessages are the agent's live channel, unchanged: text messages are JSON live frames\n(`backendLiveFrameSchema` from the calling replica, `agentLiveFrameSchema` back),\nbinary messages terminal data frames. The agent's frames about a terminal session or\ncommand go back over the bridge that last sent a frame about it; when that bridge\ncloses they are handled here (a late command end or shell end is stored all the same).\nClosed with 4000 when the agent disconnects from this replica, 1001 when it stops.\n",
        security: [
          {
            BackstageToken: [],
          },
        ],
        parameters: [
          {
            name: 'instanceId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '101': {
            description: 'Switching protocols; the bridge is open.',
          },
          '400': {
            description: 'Not a valid WebSocket handshake.',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/enrollments': {
      get: {
        operationId: 'listEnrollments',
        summary:
          'List enrolled instances and the metadata of their current token (never the token).',
        description: 'Requires `sindri.enrollment.manage`.',
        responses: {
          '200': {
            description: 'Enrollments.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Enrollment',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
      post: {
        operationId: 'createEnrollment',
        summary:
          'Enroll an instance name for an owner and mint its agent token.',
        description:
          'Requires `sindri.enrollment.manage`. The token is returned once and stored only as a sha256 hash.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'owner'],
                properties: {
                  name: {
                    type: 'string',
                    pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
                  },
                  owner: {
                    type: 'string',
                    example: 'group:default/platform',
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Enrolled.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    instanceId: {
                      type: 'string',
                    },
                    name: {
                      type: 'string',
                    },
                    owner: {
                      type: 'string',
                    },
                    token: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '409': {
            description: 'The name is already enrolled.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/enrollments/{instanceId}/rotate': {
      post: {
        operationId: 'rotateEnrollmentToken',
        summary: "Revoke the instance's token and mint a new one.",
        parameters: [
          {
            $ref: '#/components/parameters/instanceId',
          },
        ],
        responses: {
          '200': {
            description: 'The new token, returned once.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    token: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description: 'No such instance.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/enrollments/{instanceId}': {
      delete: {
        operationId: 'revokeEnrollment',
        summary:
          'Revoke every token of the instance; its agent can no longer connect.',
        parameters: [
          {
            $ref: '#/components/parameters/instanceId',
          },
        ],
        responses: {
          '204': {
            description: 'Revoked.',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description: 'No such instance.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/instances': {
      get: {
        operationId: 'listInstances',
        summary: 'Every registered instance with its newest metrics.',
        description: 'Requires `sindri.instance.read`.',
        responses: {
          '200': {
            description: 'Instances.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/FleetInstance',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/instances/{name}': {
      get: {
        operationId: 'getInstance',
        summary: 'One registered instance.',
        description:
          'Requires `sindri.instance.read` on `resource:default/<name>`.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The instance.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FleetInstance',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/metrics': {
      get: {
        operationId: 'getInstanceMetrics',
        summary: 'Metrics time series of an instance.',
        description:
          'Requires `sindri.instance.read`. `1h` is served from raw samples, `24h` from 5-minute and `7d`\nfrom hourly averages unless `resolution` says otherwise. At most 2,000 points, the newest;\n`truncated` says some were left out.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'range',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['1h', '24h', '7d'],
              default: '1h',
            },
          },
          {
            name: 'resolution',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['raw', '5m', '1h'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'Samples in time order.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['range', 'resolution', 'from', 'to', 'items'],
                  properties: {
                    range: {
                      type: 'string',
                      enum: ['1h', '24h', '7d'],
                    },
                    resolution: {
                      type: 'string',
                      enum: ['raw', '5m', '1h'],
                    },
                    from: {
                      type: 'string',
                      format: 'date-time',
                    },
                    to: {
                      type: 'string',
                      format: 'date-time',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/MetricsSample',
                      },
                    },
                    truncated: {
                      type: 'boolean',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/events': {
      get: {
        operationId: 'getInstanceEvents',
        summary: 'The timeline of an instance, newest first.',
        description:
          "Requires `sindri.instance.read`. What its agent reported, its connection (connected,\ndisconnected, heartbeat lost, recovered), its lifecycle operations, terminal sessions\nand commands. Paged by event id: pass the page's `nextCursor` as `before`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/eventLimit',
          },
          {
            $ref: '#/components/parameters/eventBefore',
          },
          {
            $ref: '#/components/parameters/eventTypes',
          },
          {
            $ref: '#/components/parameters/eventSeverities',
          },
        ],
        responses: {
          '200': {
            description: 'A page of events, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EventPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/events': {
      get: {
        operationId: 'listEvents',
        summary: "The fleet's activity, newest first.",
        description:
          "The events of the instances the caller may read with `sindri.instance.read`, filtered\nin the database (a conditional decision becomes a query filter). Paged by event id:\npass the page's `nextCursor` as `before`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/eventLimit',
          },
          {
            $ref: '#/components/parameters/eventBefore',
          },
          {
            $ref: '#/components/parameters/eventTypes',
          },
          {
            $ref: '#/components/parameters/eventSeverities',
          },
          {
            name: 'instance',
            in: 'query',
            description: "Only this instance's events.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 63,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of events, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EventPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/fleet/summary': {
      get: {
        operationId: 'getFleetSummary',
        summary: 'The fleet at a glance, for the overview.',
        description:
          'Over the instances the caller may read with `sindri.instance.read` (a conditional\ndecision becomes a database filter): health counts, instances by provider and region,\nterminal sessions and commands now, lifecycle operations per hour over the last 24 h,\navailability per instance (computed every 5 minutes) and the instances using the most\nCPU and memory now. `sources` names where each figure comes from.\n',
        responses: {
          '200': {
            description: 'The summary.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FleetSummary',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/extensions': {
      get: {
        operationId: 'listExtensions',
        summary: 'The extension registry, with how the fleet uses it.',
        description:
          "Requires `sindri.extension.read`. Every extension of the registry the portal works from\n(`registry.yaml` and each `extension.yaml`): version, category, install method,\ndependencies, requirements and bill of materials. `usedBy` and `failedOn` count only the\ninstances the caller may read with `sindri.instance.read`, from what their agents last\nreported (Sindri's ledger); `source` names the registry's version.\n",
        responses: {
          '200': {
            description: 'The registry.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ExtensionRegistry',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/extensions/{name}': {
      get: {
        operationId: 'getExtension',
        summary: 'One registry extension, and the instances using it.',
        description:
          "Requires `sindri.extension.read`. The extension as `GET /extensions` has it, with the\ninstances the caller may read (`sindri.instance.read`) whose agent last reported it\ninstalled or its install failed (Sindri's ledger, with Sindri's reason).\n",
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              pattern: '^[a-z0-9][a-z0-9-]*$',
              maxLength: 64,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The extension.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ExtensionDetail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/fleet/extensions': {
      get: {
        operationId: 'getFleetExtensionUsage',
        summary: 'Which instance reports which extension.',
        description:
          "Requires `sindri.extension.read`. One row per instance the caller may read\n(`sindri.instance.read`) with the extensions its agent last reported installed and those\nwhose install failed (Sindri's ledger): the usage matrix.\n",
        responses: {
          '200': {
            description: 'The matrix.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FleetExtensionUsage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getPrometheusMetrics',
        summary: 'The fleet in Prometheus exposition format.',
        description:
          "Requires `sindri.metrics.read` (a scraper's static token through Backstage's external\naccess, or an operator). Instances by status, provider and region, active terminal\nsessions, running commands and lifecycle operations are read from the database at each\nscrape; `sindri_ingest_frames_total` counts the frames this replica judged.\n",
        responses: {
          '200': {
            description: 'Prometheus text exposition format 0.0.4.',
            content: {
              'text/plain': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/instances/{name}/terminal-sessions': {
      get: {
        operationId: 'listTerminalSessions',
        summary: 'The terminal audit of an instance, newest first.',
        description:
          "Requires `sindri.instance.read` on `resource:default/<name>`; without\n`sindri.instance.audit.read` only the caller's own sessions are listed (a session id\nre-attaches to its shell). One row per session: who opened it, when it started and ended,\nthe bytes typed and received, the exit code, why it ended, and whether its keystrokes were\nrecorded. The byte counts of a live session are written every 5 seconds and when its last\nviewer leaves. Keystrokes are stored only with `sindri.terminal.recordInput`, and served\nby `.../terminal-sessions/{id}/input`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Terminal sessions.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/TerminalSessionRecord',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/terminal-sessions/{id}/input': {
      get: {
        operationId: 'getTerminalSessionInput',
        summary: 'The recorded keystrokes of a terminal session (sensitive).',
        description:
          'Requires `sindri.instance.read` and `sindri.instance.audit.read` on the instance. What was\ntyped, passwords included: the answer is marked `sensitive: true`, is not cached, and holds\nat most the first 1 MiB of characters (`truncated` says there was more). Empty when the\nsession was not recorded.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The keystrokes.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TerminalSessionInput',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/terminal/{session}': {
      get: {
        operationId: 'openTerminal',
        'x-websocket': true,
        summary:
          'A browser terminal on an instance (a WebSocket upgrade, not an Express route).',
        description:
          "Attaches to the terminal session `session` of the instance, creating its shell if it does\nnot exist, and relays it through the instance's agent. Requires\n`sindri.instance.terminal` on `resource:default/<name>`.\n\nBrowsers cannot put a token on a WebSocket, so the upgrade is authenticated by the\nBackstage user cookie (`backstage-auth`, issued by `GET /.backstage/auth/v1/cookie` of the\nplugin) or by a bearer user token; only users may open terminals, not services. A browser\n`Origin` must be the app's, the backend's or a CORS origin. Refusals are plain HTTP\nanswers with the JSON error body: 400, 401, 403 or 404.\n\nThe session id is chosen by the browser; the session belongs to the user who opened it,\nand only that user may attach to it, from any number of sockets at once. A socket that\ngoes away leaves the session running (the agent's idle timer starts when no one is\nattached); re-attaching with the same id replays its recent output.\n\nMessages, once upgraded (`TerminalClientMessage` / `TerminalServerMessage` in\n`@internal/plugin-sindri-common`, `live/terminalSocket.ts`):\n- binary messages carry bytes: keystrokes from the browser (at most 64 KiB each), PTY\n  output to it;\n- text messages carry JSON control. From the browser:\n  `{type: resize, cols, rows}`;\n  `{type: ack, bytes}`, the output bytes it has rendered since its last ack;\n  `{type: close}`, which ends the session for everyone (kills the shell).\n  To the browser:\n  `{type: opened, created}` once attached (`created`: a new shell was started), followed\n  by the replay of up to 256 KiB of recent output in one binary message, if any, then live\n  output;\n  `{type: exit, reason: exited|idle|closed|error, exitCode, message?}` when the session ends;\n  `{type: offline, message}` when the instance's agent is not (or no longer) connected;\n  `{type: error, message}` before a close for a bad message or a refused attach.\n\nFlow control: the output a socket has been sent but not acknowledged is its lag. While any\nsocket of the session lags by more than 512 KiB the agent stops reading the PTY, and it\nresumes once every socket is under 128 KiB; a socket more than 8 MiB behind is\ndisconnected instead of holding everyone back.\n\nClose codes: 4000 the session ended; 4001 the agent is offline, reconnect later; 4002 this\nsocket fell too far behind; 4400 a bad message (not JSON, unknown type, input over\n64 KiB); 4403 the session belongs to another user; 4429 the instance already has 16\nsessions; 1009 a message over the size limit; 1001 the backend is stopping.\n\nEvery session gets an audit row (see `GET /instances/{name}/terminal-sessions`); with\n`sindri.terminal.recordInput` its keystrokes are stored too. Any replica serves the socket:\nit relays the session through the replica the agent is connected to.\n",
        security: [
          {
            BackstageCookie: [],
          },
          {
            BackstageToken: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/session',
          },
          {
            name: 'cols',
            in: 'query',
            description: 'Terminal width in columns.',
            schema: {
              type: 'integer',
              minimum: 2,
              maximum: 1000,
              default: 80,
            },
          },
          {
            name: 'rows',
            in: 'query',
            description: 'Terminal height in rows.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 24,
            },
          },
        ],
        responses: {
          '101': {
            description:
              'Switching protocols; the socket is attached (or told why not, then closed with one of the close codes above).',
          },
          '400': {
            description:
              'A malformed name, session id, cols or rows (the message names it), or not a valid WebSocket handshake (plain text).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            description:
              'The permission policy denies `sindri.instance.terminal` on the instance, or the `Origin` may not open terminals.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/commands/targets': {
      post: {
        operationId: 'resolveCommandTargets',
        summary:
          'The registered instances a command target selects, and whether the caller may run commands on each.',
        description:
          "A dry run of the `target` of `POST /commands`: names are taken as given (each must be a\nregistered instance), a catalog filter is asked of the catalog with the caller's\ncredentials. `permitted` is the caller's `sindri.instance.command` decision on the\ninstance; instances that are not permitted would be `denied` in a run.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['target'],
                properties: {
                  target: {
                    $ref: '#/components/schemas/CommandTarget',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The selected instances.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'permitted'],
                        properties: {
                          name: {
                            type: 'string',
                          },
                          permitted: {
                            type: 'boolean',
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            description:
              'A malformed target, a name that is not a registered instance, a filter that selects no instance, or more than 1000 instances.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/commands': {
      post: {
        operationId: 'startCommand',
        summary:
          'Run a command on instances chosen by name or by catalog filter.',
        description:
          'Records the run and answers before any instance does. The command reaches at most\n`concurrency` instances at once; each gets `timeoutSeconds` to finish, then is killed\n(`timeout`). Instances the caller may not run commands on (`sindri.instance.command`) are\n`denied`, instances whose agent is not connected `unreachable`; at least one selected\ninstance must be permitted. Follow the run with `GET /commands/{id}/stream`. The run is\ndriven by the replica that answered, which reaches each agent through the replica it is\nconnected to; if that replica stops, queued instances are `cancelled` and running ones\nare stored when their agent reports the end to any replica.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CommandRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description:
              'The run, its permitted instances `queued` and the others `denied`.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CommandRun',
                },
              },
            },
          },
          '400': {
            description:
              'A malformed request, a name that is not a registered instance, a filter that selects no instance, or more than 1000 instances.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            description:
              'The permission policy denies `sindri.instance.command` on every selected instance.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
      get: {
        operationId: 'listCommands',
        summary: 'The command history, newest first.',
        description:
          'A run is listed for its author and for callers with `sindri.instance.audit.read` on one of\nits instances, and only if it reached an instance the caller may read\n(`sindri.instance.read`); it then names and counts only those instances (`instances`,\n`counts`, `target`). Results and output are served by `GET /commands/{id}`.\n',
        parameters: [
          {
            name: 'instance',
            in: 'query',
            description: 'Only runs that included this instance.',
            schema: {
              type: 'string',
              pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
            },
          },
          {
            name: 'createdBy',
            in: 'query',
            description:
              'Only runs started by this user entity ref (or `service:<subject>`).',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'state',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['running', 'done', 'cancelled'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 50,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Runs.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/CommandRunSummary',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/commands/{id}': {
      get: {
        operationId: 'getCommand',
        summary:
          'One command run with the results of the instances the caller may read.',
        description:
          "Seen by its author and by callers with `sindri.instance.audit.read` on one of its instances\n(404 for anyone else), and only through the instances the caller may read. Each result\ncarries the tail of its output, the last 65536 characters (64 Ki) of stdout and of stderr,\nunless `outputHidden` (the caller neither ran it nor may read that instance's audit); the\nbyte counts are those of the whole output. While the run is live, running results show the\noutput received so far.\n",
        parameters: [
          {
            $ref: '#/components/parameters/commandId',
          },
        ],
        responses: {
          '200': {
            description: 'The run.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CommandRun',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            description:
              'No such run, or none of its instances is readable by the caller.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/commands/{id}/cancel': {
      post: {
        operationId: 'cancelCommand',
        summary: 'Cancel what has not finished of a run.',
        description:
          "Running commands are killed (`cancelled`), queued ones never start. Allowed to the run's\ncreator, or to a caller with `sindri.instance.command` on all of its instances. Cancelling\na run that has ended changes nothing.\n",
        parameters: [
          {
            $ref: '#/components/parameters/commandId',
          },
        ],
        responses: {
          '202': {
            description:
              'Cancellation is under way; the run as it is now (results turn `cancelled` as the agents confirm it).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CommandRun',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            description:
              "Neither the creator nor permitted `sindri.instance.command` on all the run's instances.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '404': {
            description:
              'No such run, or none of its instances is readable by the caller.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/commands/{id}/stream': {
      get: {
        operationId: 'streamCommand',
        summary: 'Follow a run live, as newline-delimited JSON.',
        description:
          'One `CommandStreamEvent` per line: a `snapshot` of the run first, then `output` chunks and\n`result`s as they happen, then `done` with the final run, after which the response ends.\nFor a run that has already ended, `snapshot` is followed at once by `done`. Only the\ninstances the caller may read appear. The response is not buffered\n(`Cache-Control: no-cache`, `X-Accel-Buffering: no`).\n',
        parameters: [
          {
            $ref: '#/components/parameters/commandId',
          },
        ],
        responses: {
          '200': {
            description: 'The event stream.',
            content: {
              'application/x-ndjson': {
                schema: {
                  $ref: '#/components/schemas/CommandStreamEvent',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            description:
              'No such run, or none of its instances is readable by the caller.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/deployments/options': {
      get: {
        operationId: 'getDeploymentOptions',
        summary: 'What a create form offers.',
        description:
          "Requires `sindri.instance.create`. The drivers this portal has that the caller may use (`sindri.driver.use`), the registry's profiles and extensions, and the providers whose sindri.yaml takes a region.",
        responses: {
          '200': {
            description: 'The options.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DeploymentOptions',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/config/validate': {
      post: {
        operationId: 'validateConfig',
        summary: 'Check a sindri.yaml as `sindri config validate` does.',
        description:
          "Requires `sindri.instance.create`. The verdict and issues (JSON pointer, message in the CLI's words) of Sindri's `sindri.schema.json`.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['sindriYaml'],
                properties: {
                  sindriYaml: {
                    type: 'string',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The verdict.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ConfigVerdict',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '413': {
            description: 'The sindri.yaml is over 64 KiB.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/deployments': {
      post: {
        operationId: 'createDeployment',
        summary:
          'Create an instance (or plan one) from a sindri.yaml, or clone one.',
        description:
          "Requires `sindri.instance.create`, `sindri.driver.use` on the driver (the local driver is\nfor admins), and `sindri.instance.read` on the instance cloned. A user may name as owner\nthemselves or one of their groups; holders of `sindri.enrollment.manage` anyone. The\nsindri.yaml is validated before anything runs (400 naming the JSON paths); fields the CLI\nwould resolve on the portal's own host are refused (a secret's `fromFile`, `source: file`\nor `source: vault`, `providers.devpod.ssh.keyPath`, `providers.k8s.kind.configFile`), and\nso are guarded fields the caller may not set (`sindri.config.field.set`: privileged\ncontainers, host networking, Docker-in-Docker other than sysbox, remote Docker hosts,\ndevpod SSH targets, Kubernetes namespaces and contexts, local clusters, organisations\noutside `sindri.deployments.organizations`): 400 naming each. Then the\ninstance is enrolled (its own agent token is minted), the driver deploys it with the\n`console-agent` extension, and the operation waits for its agent to register and for the\ncatalog to show its entity. A failed deploy is cleaned up: no instance, enrollment or\nentity is left. With `dryRun` only the driver's plan runs and nothing is enrolled. Follow the\noperation with `GET /operations/{id}/stream`.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateDeploymentRequest',
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The operation started.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OperationStarted',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description:
              'The instance to clone does not exist or was not deployed by the portal.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '409': {
            description:
              "An instance of that name exists, or the owner group's budget is enforced with\n`block` and the instance's projected cost to the month's end would run it over (the\nmessage gives the remaining budget and the projection). Nothing is enrolled or deployed.\n",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '413': {
            description: 'The sindri.yaml is over 64 KiB.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/operations/{id}': {
      get: {
        operationId: 'getOperation',
        summary: 'One deploy or lifecycle operation, with its progress lines.',
        description:
          'Requires `sindri.instance.read` on its instance; its log and message only with\n`sindri.instance.audit.read` there or to its author (`logHidden` otherwise). A plan (a dry\nrun) belongs to no instance; its author sees it with `sindri.instance.create`, anyone else\nonly with `sindri.enrollment.manage` (404 otherwise).\n',
        parameters: [
          {
            $ref: '#/components/parameters/operationId',
          },
        ],
        responses: {
          '200': {
            description: 'The operation.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LifecycleOperation',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/operations/{id}/stream': {
      get: {
        operationId: 'streamOperation',
        summary: 'Follow an operation live, as newline-delimited JSON.',
        description:
          "One `OperationStreamEvent` per line, `snapshot` first, then `progress` lines, then `done`,\nafter which the response ends; an operation another process runs is watched in the store\nuntil it ends, and one past its deadline is failed by a scheduled task, so every stream\nends. Requires what `GET /operations/{id}` does and, for an instance's operation, to see\nits log: `sindri.instance.audit.read` on the instance or to have started it.\n",
        parameters: [
          {
            $ref: '#/components/parameters/operationId',
          },
        ],
        responses: {
          '200': {
            description: 'The stream.',
            content: {
              'application/x-ndjson': {
                schema: {
                  $ref: '#/components/schemas/OperationStreamEvent',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/deployment': {
      get: {
        operationId: 'getInstanceDeployment',
        summary:
          'How the portal deployed an instance, with its stored sindri.yaml.',
        description:
          'Requires `sindri.instance.read`. 404 for an instance enrolled by hand. The sindri.yaml holds\nsecrets by reference only, never the agent token, and is shown to its author and to readers\nwith `sindri.instance.audit.read` only.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The deployment.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceDeployment',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/operations': {
      get: {
        operationId: 'listInstanceOperations',
        summary:
          "The audit log of an instance's deploy and lifecycle operations, newest first.",
        description:
          "Requires `sindri.instance.read`; each operation's log and message only with `sindri.instance.audit.read` or to its author (`logHidden` otherwise).",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 20,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The operations.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/LifecycleOperation',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/lifecycle': {
      post: {
        operationId: 'runLifecycleAction',
        summary: 'Suspend, resume, redeploy or destroy an instance.',
        description:
          "Requires `sindri.instance.lifecycle` on the instance and `sindri.driver.use` on the driver\nthat deployed it, through which it runs; one operation at a time per instance (409 otherwise). Destroy needs `confirm` equal to\nthe instance's name; it removes the instance, its token and its entity. Redeploy rotates\nthe agent token.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['action'],
                properties: {
                  action: {
                    type: 'string',
                    enum: ['suspend', 'resume', 'redeploy', 'destroy'],
                  },
                  confirm: {
                    type: 'string',
                    description: "The instance's name, for destroy.",
                  },
                  volumes: {
                    type: 'boolean',
                    description: 'Destroy its volumes too.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The operation started.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OperationStarted',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            description:
              "Not deployed by the portal, or in a state the action cannot start from, or a resume\nthat the owner group's budget (enforced with `block`) refuses: the message gives the\nremaining budget and the instance's projected cost.\n",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/instances/{name}/drift': {
      get: {
        operationId: 'getInstanceDrift',
        summary: 'Whether the instance still matches its declared sindri.yaml.',
        description:
          "Requires `sindri.instance.read`. Declared: the stored sindri.yaml's profile, active and\nadditional extensions, closed over their dependencies; reported: the extensions in the\nagent's Sindri ledger and the hash of the sindri.yaml on the instance. Recomputed on each\nregistration and each configuration change.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The drift as last computed.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceDrift',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/config/versions': {
      get: {
        operationId: 'listConfigVersions',
        summary:
          'Every sindri.yaml the portal stored for an instance, newest first.',
        description:
          'Requires `sindri.instance.read`; who stored each, when, and the result of the operation that applied it. 404 for an instance enrolled by hand.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The versions, without their text.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ConfigVersion',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/config/versions/{version}': {
      get: {
        operationId: 'getConfigVersion',
        summary: 'One stored sindri.yaml of an instance, with its text.',
        description:
          'Requires `sindri.instance.read`; the text only for who created the instance or stored this\nversion, and for readers with `sindri.instance.audit.read` (`sindriYamlHidden` otherwise),\nas for the deployment.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'version',
            in: 'path',
            required: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 2147483647,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The version.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ConfigVersion',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/config/validate': {
      post: {
        operationId: 'validateInstanceConfig',
        summary:
          "Check an edit of an instance's sindri.yaml before applying it.",
        description:
          'Requires `sindri.instance.lifecycle` on the instance. The verdict of `sindri config\nvalidate`, plus what an update may not change (the name, the provider) and the guarded\nfields the caller may not set, each with its JSON pointer.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['sindriYaml'],
                properties: {
                  sindriYaml: {
                    type: 'string',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The verdict.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ConfigVerdict',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '413': {
            description: 'The sindri.yaml is over 64 KiB.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/instances/{name}/config': {
      post: {
        operationId: 'applyInstanceConfig',
        summary:
          'Store an edited sindri.yaml as a new version and apply it (an `update` operation).',
        description:
          "Requires `sindri.instance.lifecycle` on the instance and `sindri.driver.use` on its driver.\nThe file is validated as by `/instances/{name}/config/validate` (400 naming each JSON\npointer, nothing stored), stored as the next version and redeployed through the\ninstance's driver, which rotates the agent token as a redeploy does. `baseVersion` is the\nversion the edit started from: 409 when another was stored since.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['sindriYaml', 'baseVersion'],
                properties: {
                  sindriYaml: {
                    type: 'string',
                  },
                  baseVersion: {
                    type: 'integer',
                    minimum: 1,
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The update started.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ConfigApplied',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            description:
              'Not deployed by the portal, busy with another operation, or edited meanwhile.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '413': {
            description: 'The sindri.yaml is over 64 KiB.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/instances/{name}/cost': {
      get: {
        operationId: 'getInstanceCost',
        summary:
          'What an instance costs, estimated from list prices and the time it really ran.',
        description:
          "Requires `sindri.instance.read`. The deployed sindri.yaml's resources (or what the agent\nreported, for an instance enrolled by hand) priced from the shipped price tables or the\noperator's `sindri.cost.rates`, times the hours running and stopped in each of the last 30\ndays from the instance's status changes (stopped time costs storage only). Every rate\nnames its source page and date; what no table prices is listed in `missing`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The estimate.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceCost',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/usage': {
      get: {
        operationId: 'getInstanceUsage',
        summary:
          'Whether an instance is idle, and whether it is bigger than it needs, with the data behind each.',
        description:
          'Requires `sindri.instance.read`. Idle: running, registered for at least\n`sindri.cost.idle.days`, no terminal session or command in that window and CPU p95 under\n`sindri.cost.idle.cpuPercent`; the last activity of each kind (terminal, command, CPU\nabove the threshold, network above `sindri.cost.idle.networkKiBPerSecond`) is given with\nits time either way. Right-sizing: p95 CPU and memory of the hourly averages of the last\n30 days against what the sindri.yaml allocates, once `sindri.cost.rightSizing.minDays`\nof them exist; the smaller size is priced as the Cost tab prices.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The instance's idle verdict and right-sizing.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceUsage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/security': {
      get: {
        operationId: 'getInstanceSecurity',
        summary:
          'What an instance has installed, the advisories that match it, and what it exposes.',
        description:
          'Requires `sindri.instance.read`. The components its agent reported (sindri bom, dpkg, rpm,\napk, global npm, pip, cargo) with their package URLs; the OSV advisories matching them with\nseverity from CVSS, fixed versions and when they were first seen; the advisory source\'s\nsync state (never an empty list as "no vulnerabilities" when it could not be asked);\nthe agent token\'s age against `sindri.security.tokenRotationDays`, SSH keys, listening\nsockets and declared secrets; installed extensions against the registry and the\ncompatibility matrix.\n',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The instance's security view.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceSecurity',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/sbom': {
      get: {
        operationId: 'getInstanceSbom',
        summary: "The instance's components as a CycloneDX 1.6 JSON document.",
        description:
          'Requires `sindri.instance.read`. 404 until its agent reported what is installed.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'A CycloneDX JSON BOM.',
            content: {
              'application/vnd.cyclonedx+json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/fleet/security': {
      get: {
        operationId: 'getFleetSecurity',
        summary: 'Findings across the instances the caller may read.',
        description:
          'Requires `sindri.instance.read`; only readable instances count.',
        responses: {
          '200': {
            description: "The fleet's security view.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FleetSecurity',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/fleet/sbom': {
      get: {
        operationId: 'getFleetSbom',
        summary:
          "The readable fleet's components as one CycloneDX 1.6 JSON document.",
        description:
          'Requires `sindri.instance.read`. Each component once, with the instances that have it as `sindri:instance` properties.',
        responses: {
          '200': {
            description: 'A CycloneDX JSON BOM.',
            content: {
              'application/vnd.cyclonedx+json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/fleet/cost': {
      get: {
        operationId: 'getFleetCost',
        summary:
          'Spend of the instances the caller may read, by provider, owner and instance, against the previous period.',
        description:
          'Requires `sindri.instance.read`; only readable instances are counted (a conditional decision becomes a database filter).',
        responses: {
          '200': {
            description:
              "The fleet's estimate for the last 30 days and the 30 before.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FleetCost',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/budgets': {
      get: {
        operationId: 'listBudgets',
        summary:
          "The budgets of the caller's groups (every group's for budget managers), with this month's spend.",
        description:
          "Requires `sindri.budget.read`. A user sees the budgets of the groups they belong to; with\n`sindri.budget.manage` every group's. Spend is the month to date of the instances each\ngroup owns (the same estimate, or billing source, as the Cost tab), and the projection\nkeeps each instance in its current status to the month's end.\n",
        responses: {
          '200': {
            description: "The budgets and the caller's groups.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/budgets/estimate': {
      post: {
        operationId: 'estimateBudget',
        summary:
          "What a new instance would cost its owner to the month's end, against the owner's budget.",
        description:
          "Requires `sindri.instance.create`. The create page asks this as the form changes: the\ninstance's list-price rate from its sindri.yaml (text or document, or the clone source's\nstored one, which needs `sindri.instance.read` on it) × the hours left in the month,\nagainst the owner group's budget and what it is projected to spend. `verdict` is what a\ncreate would meet: `within`, `over` (and `enforcement` says whether it warns or blocks),\nor `no-budget`.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BudgetEstimateRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The estimate.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetEstimate',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description:
              'The instance to clone does not exist or was not deployed by the portal.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/budgets/{group}': {
      put: {
        operationId: 'setBudget',
        summary: "Set a group's monthly budget and how it is enforced.",
        description:
          "Requires `sindri.budget.manage`. `group` is the group's entity ref, URL-encoded.",
        parameters: [
          {
            $ref: '#/components/parameters/budgetGroup',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BudgetInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: "The budget with this month's spend.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
      delete: {
        operationId: 'deleteBudget',
        summary: "Remove a group's budget.",
        description: 'Requires `sindri.budget.manage`.',
        parameters: [
          {
            $ref: '#/components/parameters/budgetGroup',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description: 'The group has no budget.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/alerts': {
      get: {
        operationId: 'listAlerts',
        summary: 'Alerts of the instances the caller may read, newest first.',
        description:
          "The alerts of the instances the caller may read with `sindri.instance.read`, filtered in\nthe database. `state=open` lists pending and firing ones. Paged by alert id (a ULID):\npass the page's `nextCursor` as `before`.\n",
        parameters: [
          {
            name: 'state',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['open', 'pending', 'firing', 'resolved'],
            },
          },
          {
            name: 'instance',
            in: 'query',
            description: "Only this instance's alerts.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 63,
            },
          },
          {
            $ref: '#/components/parameters/eventLimit',
          },
          {
            $ref: '#/components/parameters/eventBefore',
          },
        ],
        responses: {
          '200': {
            description: 'A page of alerts, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/alerts/{id}/deliveries': {
      get: {
        operationId: 'listAlertDeliveries',
        summary: "Where an alert was sent, with every attempt's outcome.",
        description: "Requires `sindri.instance.read` on the alert's instance.",
        parameters: [
          {
            $ref: '#/components/parameters/alertId',
          },
        ],
        responses: {
          '200': {
            description: "The alert's deliveries, oldest first.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/AlertDelivery',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/alerts/{id}/acknowledge': {
      post: {
        operationId: 'acknowledgeAlert',
        summary: 'Say that someone is on it; records who and when.',
        description: "Requires `sindri.alert.respond` on the alert's instance.",
        parameters: [
          {
            $ref: '#/components/parameters/alertId',
          },
        ],
        responses: {
          '200': {
            description: 'The acknowledged alert.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Alert',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/alerts/{id}/silence': {
      post: {
        operationId: 'silenceAlert',
        summary:
          'Send nothing more about this alert for a while; records who and until when.',
        description: "Requires `sindri.alert.respond` on the alert's instance.",
        parameters: [
          {
            $ref: '#/components/parameters/alertId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['minutes'],
                properties: {
                  minutes: {
                    type: 'integer',
                    minimum: 1,
                    maximum: 10080,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The silenced alert.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Alert',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
      delete: {
        operationId: 'unsilenceAlert',
        summary: "End an alert's silence.",
        description: "Requires `sindri.alert.respond` on the alert's instance.",
        parameters: [
          {
            $ref: '#/components/parameters/alertId',
          },
        ],
        responses: {
          '200': {
            description: 'The alert.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Alert',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/alert-rules': {
      get: {
        operationId: 'listAlertRules',
        summary: 'The alert rules.',
        description: 'Requires `sindri.alert.read`.',
        responses: {
          '200': {
            description: 'Every rule.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/AlertRule',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
      post: {
        operationId: 'createAlertRule',
        summary: 'Add a rule.',
        description: 'Requires `sindri.alert.manage`.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AlertRuleInput',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertRule',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/alert-rules/{id}': {
      put: {
        operationId: 'updateAlertRule',
        summary:
          'Change a rule; its open alerts are evaluated against the new rule at the next run.',
        description: 'Requires `sindri.alert.manage`.',
        parameters: [
          {
            $ref: '#/components/parameters/alertRuleId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AlertRuleInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertRule',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
      delete: {
        operationId: 'deleteAlertRule',
        summary:
          'Remove a rule; its open alerts resolve at the next run, their history stays.',
        description: 'Requires `sindri.alert.manage`.',
        parameters: [
          {
            $ref: '#/components/parameters/alertRuleId',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/alert-channels': {
      get: {
        operationId: 'listAlertChannels',
        summary: 'Where alerts can be sent, without their secrets.',
        description:
          "Requires `sindri.alert.manage`. A channel's secret is never returned, only whether it is set.",
        responses: {
          '200': {
            description: 'Every channel.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/AlertChannel',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
      post: {
        operationId: 'createAlertChannel',
        summary: 'Add a channel; its secret is stored encrypted.',
        description:
          'Requires `sindri.alert.manage` and `sindri.alerts.secretKey` in the configuration.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AlertChannelInput',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The channel.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertChannel',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/alert-channels/{id}': {
      put: {
        operationId: 'updateAlertChannel',
        summary: 'Change a channel; without `secret` the stored one is kept.',
        description: 'Requires `sindri.alert.manage`.',
        parameters: [
          {
            $ref: '#/components/parameters/alertChannelId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AlertChannelInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The channel.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertChannel',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
      delete: {
        operationId: 'deleteAlertChannel',
        summary: 'Remove a channel; rules stop sending to it.',
        description: 'Requires `sindri.alert.manage`.',
        parameters: [
          {
            $ref: '#/components/parameters/alertChannelId',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/logs': {
      get: {
        operationId: 'searchLogs',
        summary:
          'Search the log lines of the instances the caller may read, newest first.',
        description:
          "Lines the agents shipped, of the instances the caller may read with\n`sindri.instance.audit.read` (row by row, in the database). `q` matches lines holding every\none of its words (letters and digits; case-insensitive), with the database's full-text\nindex; each result says where the words are (`highlights`). Paged by line id: pass the\npage's `nextCursor` as `before`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/logText',
          },
          {
            name: 'instance',
            in: 'query',
            description: "Only this instance's lines.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 63,
            },
          },
          {
            $ref: '#/components/parameters/logSources',
          },
          {
            $ref: '#/components/parameters/logLevels',
          },
          {
            $ref: '#/components/parameters/logOperation',
          },
          {
            $ref: '#/components/parameters/logFrom',
          },
          {
            $ref: '#/components/parameters/logTo',
          },
          {
            $ref: '#/components/parameters/logBefore',
          },
          {
            $ref: '#/components/parameters/logLimit',
          },
        ],
        responses: {
          '200': {
            description: 'A page of lines, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LogPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/logs/tail': {
      get: {
        operationId: 'tailLogs',
        summary:
          'Follow the lines of the instances the caller may read as they arrive.',
        description:
          'The live tail of `GET /logs`: the same filters, the same row-by-row permission. Lines come\nfrom the database, so any replica serves them, whichever replica the agent is connected\nto. It starts after `after` (or the `Last-Event-ID` header), else at the newest line.\n',
        parameters: [
          {
            $ref: '#/components/parameters/logText',
          },
          {
            name: 'instance',
            in: 'query',
            description: "Only this instance's lines.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 63,
            },
          },
          {
            $ref: '#/components/parameters/logSources',
          },
          {
            $ref: '#/components/parameters/logLevels',
          },
          {
            $ref: '#/components/parameters/logOperation',
          },
          {
            $ref: '#/components/parameters/logFrom',
          },
          {
            $ref: '#/components/parameters/logTo',
          },
          {
            $ref: '#/components/parameters/logAfter',
          },
        ],
        responses: {
          '200': {
            description:
              "A stream of server-sent events (`text/event-stream`): each `lines` event carries a JSON\narray of `LogLine`, oldest first, and its `id` is the newest line's id; a comment every\n15 s keeps the connection open. The stream ends after five minutes; the client\nreconnects with `Last-Event-ID` (and is authorized again) and misses nothing.\n",
            content: {
              'text/event-stream': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/instances/{name}/logs': {
      get: {
        operationId: 'getInstanceLogs',
        summary: "Search one instance's log lines, newest first.",
        description:
          'Requires `sindri.instance.audit.read` on the instance. The same search as `GET /logs`.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/logText',
          },
          {
            $ref: '#/components/parameters/logSources',
          },
          {
            $ref: '#/components/parameters/logLevels',
          },
          {
            $ref: '#/components/parameters/logOperation',
          },
          {
            $ref: '#/components/parameters/logFrom',
          },
          {
            $ref: '#/components/parameters/logTo',
          },
          {
            $ref: '#/components/parameters/logBefore',
          },
          {
            $ref: '#/components/parameters/logLimit',
          },
        ],
        responses: {
          '200': {
            description: 'A page of lines, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LogPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/instances/{name}/logs/tail': {
      get: {
        operationId: 'tailInstanceLogs',
        summary: "Follow one instance's log lines as they arrive.",
        description:
          'Requires `sindri.instance.audit.read` on the instance. The live tail of `GET /instances/{name}/logs`.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/logText',
          },
          {
            $ref: '#/components/parameters/logSources',
          },
          {
            $ref: '#/components/parameters/logLevels',
          },
          {
            $ref: '#/components/parameters/logOperation',
          },
          {
            $ref: '#/components/parameters/logFrom',
          },
          {
            $ref: '#/components/parameters/logTo',
          },
          {
            $ref: '#/components/parameters/logAfter',
          },
        ],
        responses: {
          '200': {
            description:
              "A stream of server-sent events (`text/event-stream`): each `lines` event carries a JSON\narray of `LogLine`, oldest first, and its `id` is the newest line's id; a comment every\n15 s keeps the connection open. The stream ends after five minutes; the client\nreconnects with `Last-Event-ID` (and is authorized again) and misses nothing.\n",
            content: {
              'text/event-stream': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      budgetGroup: {
        name: 'group',
        in: 'path',
        required: true,
        description: "The group's entity ref, e.g. group%3Adefault%2Fteam-a",
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      logText: {
        name: 'q',
        in: 'query',
        description: 'Words every line must hold.',
        schema: {
          type: 'string',
          maxLength: 256,
        },
      },
      logSources: {
        name: 'source',
        in: 'query',
        description: 'Only lines read from these sources (comma-separated).',
        schema: {
          type: 'string',
          maxLength: 2048,
        },
      },
      logLevels: {
        name: 'level',
        in: 'query',
        description: 'Only lines of these levels (comma-separated).',
        schema: {
          type: 'string',
          maxLength: 64,
        },
      },
      logOperation: {
        name: 'operation',
        in: 'query',
        description: 'Only lines written during this lifecycle operation.',
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      logFrom: {
        name: 'from',
        in: 'query',
        schema: {
          type: 'string',
          format: 'date-time',
        },
      },
      logTo: {
        name: 'to',
        in: 'query',
        schema: {
          type: 'string',
          format: 'date-time',
        },
      },
      logBefore: {
        name: 'before',
        in: 'query',
        description: 'A line id; only older lines are listed.',
        schema: {
          type: 'string',
          pattern: '^[0-9]{1,19}$',
        },
      },
      logAfter: {
        name: 'after',
        in: 'query',
        description: 'A line id; only newer lines are sent.',
        schema: {
          type: 'string',
          pattern: '^[0-9]{1,19}$',
        },
      },
      logLimit: {
        name: 'limit',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 100,
        },
      },
      alertId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
        },
      },
      alertRuleId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      alertChannelId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      eventLimit: {
        name: 'limit',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 100,
        },
      },
      eventBefore: {
        name: 'before',
        in: 'query',
        description: 'An event id (a ULID); only older events are listed.',
        schema: {
          type: 'string',
          pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
        },
      },
      eventTypes: {
        name: 'type',
        in: 'query',
        description: 'Event types, comma-separated; only these are listed.',
        style: 'form',
        explode: false,
        schema: {
          type: 'array',
          maxItems: 32,
          items: {
            $ref: '#/components/schemas/FleetEventType',
          },
        },
      },
      eventSeverities: {
        name: 'severity',
        in: 'query',
        description: 'Severities, comma-separated; only these are listed.',
        style: 'form',
        explode: false,
        schema: {
          type: 'array',
          maxItems: 3,
          items: {
            $ref: '#/components/schemas/EventSeverity',
          },
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      instanceId: {
        name: 'instanceId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      operationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "The operation's id.",
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      commandId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "The run's id.",
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      session: {
        name: 'session',
        in: 'path',
        required: true,
        description:
          "The terminal session's id, chosen by the browser (a uuid fits).",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9_-]{8,64}$',
        },
      },
    },
    responses: {
      BadRequest: {
        description: 'The request is malformed; the message names the field.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Unauthorized: {
        description: 'No valid credentials (or agent token).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Forbidden: {
        description: 'The permission policy denies it.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      NotFound: {
        description: 'No registered instance of that name.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      TooLarge: {
        description: 'The body is over the 256 KiB limit.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      TooMany: {
        description: 'The instance sends faster than its rate limit.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    securitySchemes: {
      AgentToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'An agent token, sindri_<id>_<secret>',
      },
      BackstageToken: {
        type: 'http',
        scheme: 'bearer',
      },
      BackstageCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: 'backstage-auth',
        description:
          'The Backstage user cookie, issued by `GET /.backstage/auth/v1/cookie` of the plugin; accepted only by the terminal WebSocket.',
      },
    },
    schemas: {
      ExtensionRegistry: {
        type: 'object',
        required: ['source', 'extensions', 'invalid'],
        properties: {
          source: {
            type: 'object',
            required: ['registryVersion', 'usage'],
            properties: {
              registryVersion: {
                type: 'string',
                description: "The `version` of the registry's registry.yaml.",
              },
              usage: {
                type: 'string',
                description: 'Where `usedBy` and `failedOn` come from.',
              },
            },
          },
          extensions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Extension',
            },
          },
          invalid: {
            type: 'array',
            description:
              'Custom extension files that were refused, each with every error at its JSON pointer; none of them is loaded.',
            items: {
              type: 'object',
              required: ['file', 'errors'],
              properties: {
                file: {
                  type: 'string',
                },
                name: {
                  type: 'string',
                },
                errors: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['pointer', 'message'],
                    properties: {
                      pointer: {
                        type: 'string',
                      },
                      message: {
                        type: 'string',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      Extension: {
        type: 'object',
        required: [
          'name',
          'version',
          'description',
          'category',
          'dependencies',
          'installMethod',
          'requirements',
          'bom',
          'usedBy',
          'failedOn',
        ],
        properties: {
          name: {
            type: 'string',
          },
          custom: {
            type: 'boolean',
            description:
              "The organisation's own extension, from `sindri.registry.customExtensions`, not the registry.",
          },
          version: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          dependencies: {
            type: 'array',
            description:
              'The extensions it needs directly (extension.yaml `metadata.dependencies`).',
            items: {
              type: 'string',
            },
          },
          installMethod: {
            type: 'string',
          },
          requirements: {
            type: 'object',
            required: ['domains'],
            properties: {
              domains: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              diskSpaceMb: {
                type: 'number',
              },
              memoryMb: {
                type: 'number',
              },
              installTimeSeconds: {
                type: 'number',
                description:
                  'What the extension.yaml expects an install to take.',
              },
            },
          },
          bom: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                },
                version: {
                  type: 'string',
                },
                source: {
                  type: 'string',
                },
                type: {
                  type: 'string',
                },
                license: {
                  type: 'string',
                },
                homepage: {
                  type: 'string',
                },
                purl: {
                  type: 'string',
                },
              },
            },
          },
          installTime: {
            type: 'object',
            description:
              "How long installing it took on the readable instances that report it installed: each\none's newest `install_completed.duration_secs` in Sindri's ledger. Absent when none\nreported one.\n",
            required: ['samples', 'meanSeconds', 'p95Seconds'],
            properties: {
              samples: {
                type: 'integer',
              },
              meanSeconds: {
                type: 'number',
              },
              p95Seconds: {
                type: 'number',
              },
            },
          },
          usedBy: {
            type: 'integer',
            description: 'Readable instances whose agent reports it installed.',
          },
          failedOn: {
            type: 'integer',
            description:
              'Readable instances whose agent reports its install failed.',
          },
        },
      },
      ExtensionDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/Extension',
          },
          {
            type: 'object',
            required: ['instances', 'usageSource'],
            properties: {
              usageSource: {
                type: 'string',
                description: 'Where `instances` comes from.',
              },
              instances: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'state'],
                  properties: {
                    name: {
                      type: 'string',
                    },
                    state: {
                      type: 'string',
                      enum: ['installed', 'failed'],
                    },
                    error: {
                      type: 'string',
                      description: "Sindri's reason, for a failed install.",
                    },
                  },
                },
              },
            },
          },
        ],
      },
      FleetExtensionUsage: {
        type: 'object',
        required: ['source', 'instances'],
        properties: {
          source: {
            type: 'string',
            description: 'Where the rows come from.',
          },
          instances: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'owner', 'installed', 'failed'],
              properties: {
                name: {
                  type: 'string',
                },
                owner: {
                  type: 'string',
                },
                provider: {
                  type: 'string',
                },
                installed: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
                failed: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
                ledgerUnknown: {
                  type: 'string',
                  enum: ['missing', 'unreadable'],
                  description:
                    'The agent could not read Sindri\'s ledger, so its extensions are not known (not "none").',
                },
              },
            },
          },
        },
      },
      FleetSummary: {
        type: 'object',
        properties: {
          generatedAt: {
            type: 'string',
            format: 'date-time',
          },
          health: {
            type: 'object',
            properties: {
              running: {
                type: 'integer',
              },
              unresponsive: {
                type: 'integer',
              },
              stopped: {
                type: 'integer',
              },
              unknown: {
                type: 'integer',
              },
            },
            required: ['running', 'unresponsive', 'stopped', 'unknown'],
          },
          byProvider: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: ['string', 'null'],
                },
                count: {
                  type: 'integer',
                },
              },
              required: ['provider', 'count'],
            },
          },
          byRegion: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: ['string', 'null'],
                },
                region: {
                  type: ['string', 'null'],
                },
                count: {
                  type: 'integer',
                },
              },
              required: ['provider', 'region', 'count'],
            },
          },
          live: {
            type: 'object',
            properties: {
              terminalSessions: {
                type: 'integer',
              },
              runningCommands: {
                type: 'integer',
              },
            },
            required: ['terminalSessions', 'runningCommands'],
          },
          activity: {
            type: 'object',
            properties: {
              from: {
                type: 'string',
                format: 'date-time',
              },
              hours: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    hour: {
                      type: 'string',
                      format: 'date-time',
                    },
                    operations: {
                      type: 'integer',
                    },
                    deployments: {
                      type: 'integer',
                    },
                    failures: {
                      type: 'integer',
                    },
                  },
                  required: ['hour', 'operations', 'deployments', 'failures'],
                },
              },
            },
            required: ['from', 'hours'],
          },
          availability: {
            type: 'object',
            properties: {
              computedAt: {
                type: 'string',
                format: 'date-time',
              },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    instance: {
                      type: 'string',
                    },
                    ratio24h: {
                      type: ['number', 'null'],
                    },
                    ratio7d: {
                      type: ['number', 'null'],
                    },
                  },
                  required: ['instance', 'ratio24h', 'ratio7d'],
                },
              },
            },
            required: ['items'],
          },
          top: {
            type: 'object',
            properties: {
              cpu: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    instance: {
                      type: 'string',
                    },
                    percent: {
                      type: 'number',
                    },
                    at: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: ['instance', 'percent', 'at'],
                },
              },
              memory: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    instance: {
                      type: 'string',
                    },
                    percent: {
                      type: 'number',
                    },
                    usedBytes: {
                      type: 'number',
                    },
                    totalBytes: {
                      type: 'number',
                    },
                    at: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'instance',
                    'percent',
                    'usedBytes',
                    'totalBytes',
                    'at',
                  ],
                },
              },
            },
            required: ['cpu', 'memory'],
          },
          drift: {
            type: 'object',
            description:
              'Instances by drift status (those whose drift was never computed are not counted).',
            properties: {
              'in-sync': {
                type: 'integer',
              },
              drifted: {
                type: 'integer',
              },
              unknown: {
                type: 'integer',
              },
            },
            required: ['in-sync', 'drifted', 'unknown'],
          },
          sources: {
            type: 'object',
            description: 'Where each figure comes from.',
            additionalProperties: {
              type: 'string',
            },
          },
        },
        required: [
          'generatedAt',
          'health',
          'drift',
          'byProvider',
          'byRegion',
          'live',
          'activity',
          'availability',
          'top',
          'sources',
        ],
      },
      EventPage: {
        type: 'object',
        description: 'A page of events, newest first.',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FleetEvent',
            },
          },
          nextCursor: {
            type: 'string',
            description:
              'Pass as `before` for the next (older) page; absent on the last page.',
          },
        },
        required: ['items'],
      },
      FleetEventType: {
        type: 'string',
        enum: [
          'started',
          'stopped',
          'deploy',
          'extension-installed',
          'extension-removed',
          'extension-failed',
          'config-changed',
          'agent-warning',
          'lifecycle',
          'drift',
          'connected',
          'disconnected',
          'heartbeat-lost',
          'recovered',
          'terminal-opened',
          'terminal-closed',
          'command-run',
          'alert-fired',
          'alert-resolved',
        ],
      },
      EventSeverity: {
        type: 'string',
        enum: ['info', 'warning', 'error'],
      },
      FleetEvent: {
        type: 'object',
        description:
          'One event, stored once and never changed: flags and reasons, never raw output or secret\nvalues. `id` is a ULID (sortable by time) and the page cursor.\n',
        properties: {
          id: {
            type: 'string',
            pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          type: {
            $ref: '#/components/schemas/FleetEventType',
          },
          severity: {
            $ref: '#/components/schemas/EventSeverity',
          },
          instance: {
            type: 'string',
            description:
              "The instance's name (it may since have been destroyed).",
          },
          message: {
            type: 'string',
            maxLength: 1024,
          },
          data: {
            type: 'object',
            additionalProperties: {
              anyOf: [
                {
                  type: 'string',
                },
                {
                  type: 'number',
                },
                {
                  type: 'boolean',
                },
              ],
            },
          },
          subject: {
            type: 'object',
            description: 'What the event concerns, for a link.',
            properties: {
              kind: {
                type: 'string',
                enum: [
                  'operation',
                  'command',
                  'terminal-session',
                  'extension',
                  'alert',
                ],
              },
              id: {
                type: 'string',
              },
            },
            required: ['kind', 'id'],
            additionalProperties: false,
          },
        },
        required: ['id', 'at', 'type', 'severity'],
        additionalProperties: false,
      },
      AlertSeverity: {
        type: 'string',
        enum: ['info', 'warning', 'critical'],
      },
      AlertMetric: {
        type: 'string',
        description:
          "What a metric rule compares, from the instance's newest metrics sample: `cpu` (percent\nbusy), `memory` (percent of memory in use), `disk` and `inodes` (the fullest mount's\npercent used).\n",
        enum: ['cpu', 'memory', 'disk', 'inodes'],
      },
      AlertCondition: {
        description:
          "When a rule holds for an instance. `metric`: the newest sample is above `threshold`;\n`heartbeat-lost`: the instance is unresponsive; `operation-failed`: its newest finished\ndeployment or lifecycle operation of the last 24 h failed; `extension-install-failed`:\nits agent reported an extension whose installation failed; `budget-spent`: an owner\ngroup has spent `percent` % of its monthly budget this month; `budget-projected`: a\ngroup's projection to the month's end is over its budget. Budget conditions concern\ngroups with a budget (the fleet scope: all of them; the group scope: that group) and\nresolve when a new month starts or the budget is raised; `advisory`: an OSV advisory\nof `minSeverity` or worse matches a package the instance's agent reported. An alert\nfires once the condition has held for `forSeconds`.\n",
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'metric', 'threshold', 'forSeconds'],
            properties: {
              kind: {
                type: 'string',
                enum: ['metric'],
              },
              metric: {
                $ref: '#/components/schemas/AlertMetric',
              },
              threshold: {
                type: 'number',
                minimum: 0,
                maximum: 100,
              },
              forSeconds: {
                type: 'integer',
                minimum: 0,
                maximum: 86400,
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'forSeconds'],
            properties: {
              kind: {
                type: 'string',
                enum: [
                  'heartbeat-lost',
                  'operation-failed',
                  'extension-install-failed',
                ],
              },
              forSeconds: {
                type: 'integer',
                minimum: 0,
                maximum: 86400,
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'percent', 'forSeconds'],
            properties: {
              kind: {
                type: 'string',
                enum: ['budget-spent'],
              },
              percent: {
                type: 'number',
                minimum: 1,
                maximum: 1000,
              },
              forSeconds: {
                type: 'integer',
                minimum: 0,
                maximum: 86400,
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'forSeconds'],
            properties: {
              kind: {
                type: 'string',
                enum: ['budget-projected'],
              },
              forSeconds: {
                type: 'integer',
                minimum: 0,
                maximum: 86400,
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'minSeverity', 'forSeconds'],
            properties: {
              kind: {
                type: 'string',
                enum: ['advisory'],
              },
              minSeverity: {
                $ref: '#/components/schemas/AdvisorySeverity',
              },
              forSeconds: {
                type: 'integer',
                minimum: 0,
                maximum: 86400,
              },
            },
          },
        ],
      },
      AlertScope: {
        type: 'object',
        description:
          "Which instances a rule watches; `ref` is a group's entity ref or an instance's name.",
        required: ['kind'],
        properties: {
          kind: {
            type: 'string',
            enum: ['fleet', 'group', 'instance'],
          },
          ref: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
        },
      },
      AlertRuleInput: {
        type: 'object',
        required: [
          'name',
          'enabled',
          'condition',
          'scope',
          'severity',
          'channels',
          'notifyOwners',
          'resolveAfterSeconds',
        ],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          enabled: {
            type: 'boolean',
          },
          condition: {
            $ref: '#/components/schemas/AlertCondition',
          },
          scope: {
            $ref: '#/components/schemas/AlertScope',
          },
          severity: {
            $ref: '#/components/schemas/AlertSeverity',
          },
          channels: {
            type: 'array',
            description:
              'Ids of the channels a firing and a resolved alert are sent to.',
            maxItems: 16,
            items: {
              type: 'string',
              format: 'uuid',
            },
          },
          notifyOwners: {
            type: 'boolean',
            description:
              "Whether the instance's owners get a Backstage notification.",
          },
          resolveAfterSeconds: {
            type: 'integer',
            description:
              'How long the condition must stay false before a firing alert resolves; a flapping\ninstance keeps one alert firing instead of sending a message at every change.\n',
            minimum: 0,
            maximum: 86400,
          },
        },
      },
      AlertRule: {
        allOf: [
          {
            $ref: '#/components/schemas/AlertRuleInput',
          },
          {
            type: 'object',
            required: ['id', 'builtin', 'updatedAt'],
            properties: {
              id: {
                type: 'string',
                format: 'uuid',
              },
              builtin: {
                type: 'boolean',
                description:
                  'Shipped with the portal (it can be changed or removed like any other).',
              },
              updatedBy: {
                type: 'string',
              },
              updatedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
        ],
      },
      AlertChannelType: {
        type: 'string',
        enum: ['webhook', 'slack', 'pagerduty'],
      },
      AlertChannelInput: {
        type: 'object',
        description:
          "`webhook`: `url`, and `secret` the key its JSON body is signed with (HMAC-SHA256);\n`slack`: `secret` the incoming webhook's URL; `pagerduty`: `secret` the integration's\nrouting key, `url` the Events API v2 endpoint (its public one by default). `secret` is\nstored encrypted and never returned; leave it out of an update to keep it.\n",
        required: ['name', 'type'],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          type: {
            $ref: '#/components/schemas/AlertChannelType',
          },
          url: {
            type: 'string',
            maxLength: 2048,
          },
          secret: {
            type: 'string',
            minLength: 1,
            maxLength: 2048,
          },
        },
      },
      AlertChannel: {
        type: 'object',
        required: ['id', 'name', 'type', 'secretSet', 'updatedAt'],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          name: {
            type: 'string',
          },
          type: {
            $ref: '#/components/schemas/AlertChannelType',
          },
          url: {
            type: 'string',
            description:
              'The endpoint, where it is not itself the secret (never for Slack).',
          },
          secretSet: {
            type: 'boolean',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      Alert: {
        type: 'object',
        description:
          "One rule's alert on one instance, or (a budget rule's) on one owner group: pending while\nits condition has held for less than the rule's duration, firing after, resolved once it\nstopped holding. At most one is open per rule and instance or group.\n",
        required: [
          'id',
          'ruleId',
          'ruleName',
          'state',
          'severity',
          'summary',
          'pendingSince',
        ],
        properties: {
          id: {
            type: 'string',
            pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
          },
          ruleId: {
            type: 'string',
          },
          ruleName: {
            type: 'string',
          },
          instance: {
            type: 'string',
            description: 'The instance it concerns; absent on a budget alert.',
          },
          group: {
            type: 'string',
            description:
              'The owner group (entity ref) a budget alert concerns.',
          },
          state: {
            type: 'string',
            enum: ['pending', 'firing', 'resolved'],
          },
          severity: {
            $ref: '#/components/schemas/AlertSeverity',
          },
          value: {
            type: 'number',
            description:
              "The value the condition saw last (a metric rule's percent).",
          },
          summary: {
            type: 'string',
          },
          pendingSince: {
            type: 'string',
            format: 'date-time',
          },
          firedAt: {
            type: 'string',
            format: 'date-time',
          },
          resolvedAt: {
            type: 'string',
            format: 'date-time',
          },
          acknowledged: {
            type: 'object',
            required: ['by', 'at'],
            properties: {
              by: {
                type: 'string',
              },
              at: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          silenced: {
            type: 'object',
            required: ['by', 'until'],
            properties: {
              by: {
                type: 'string',
              },
              until: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
        },
      },
      AlertPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Alert',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      AlertDelivery: {
        type: 'object',
        description:
          "One message about an alert's change to one channel, with its attempts.",
        required: [
          'id',
          'channel',
          'transition',
          'state',
          'attempts',
          'createdAt',
        ],
        properties: {
          id: {
            type: 'integer',
          },
          channel: {
            type: 'object',
            required: ['type', 'name'],
            properties: {
              id: {
                type: 'string',
              },
              type: {
                type: 'string',
                enum: ['notifications', 'webhook', 'slack', 'pagerduty'],
              },
              name: {
                type: 'string',
              },
            },
          },
          transition: {
            type: 'string',
            enum: ['fired', 'resolved'],
          },
          state: {
            type: 'string',
            enum: ['pending', 'delivered', 'failed'],
          },
          attempts: {
            type: 'integer',
          },
          lastStatus: {
            type: 'integer',
          },
          lastError: {
            type: 'string',
          },
          nextAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          deliveredAt: {
            type: 'string',
            format: 'date-time',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      LogLine: {
        type: 'object',
        description:
          "One line an agent read from its instance's logs, masked for secrets.",
        required: ['id', 'instance', 'at', 'source', 'text'],
        properties: {
          id: {
            type: 'string',
            pattern: '^[0-9]{1,19}$',
          },
          instance: {
            type: 'string',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          source: {
            type: 'string',
            description: 'The file it was read from, or `journald:<unit>`.',
          },
          level: {
            type: 'string',
            enum: ['error', 'warn', 'info', 'debug'],
          },
          text: {
            type: 'string',
          },
          operationId: {
            type: 'string',
            description:
              'The lifecycle operation running on the instance when the line was stored.',
          },
          highlights: {
            type: 'array',
            description:
              "Where the search's words are in `text`, as [start, end) offsets.",
            items: {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              items: {
                type: 'integer',
              },
            },
          },
        },
      },
      LogPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/LogLine',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      Error: {
        type: 'object',
        description:
          'The Backstage error body; the message names the offending field, e.g. `target.instances:`.',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
                example: 'InputError',
              },
              message: {
                type: 'string',
                example: 'target.instances: no registered instance named web-9',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      CreateDeploymentRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'owner'],
        description:
          'Exactly one of `config`, `sindriYaml` or `cloneFrom`. `provider` and `region` only with `cloneFrom`.',
        properties: {
          name: {
            type: 'string',
            pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
          },
          owner: {
            type: 'string',
            description:
              'A user or group entity ref, e.g. group:default/platform.',
          },
          driver: {
            type: 'string',
            description:
              "local or sindri-cli; the portal's default when absent.",
          },
          config: {
            type: 'object',
            additionalProperties: true,
            description: 'A sindri.yaml document.',
          },
          sindriYaml: {
            type: 'string',
          },
          cloneFrom: {
            type: 'string',
            description: 'An instance whose stored sindri.yaml to copy.',
          },
          provider: {
            type: 'string',
            enum: [
              'docker',
              'fly',
              'devpod',
              'e2b',
              'kubernetes',
              'runpod',
              'northflank',
            ],
          },
          region: {
            type: 'string',
          },
          dryRun: {
            type: 'boolean',
          },
        },
      },
      LifecycleOperation: {
        type: 'object',
        required: [
          'id',
          'instanceName',
          'kind',
          'driver',
          'state',
          'actor',
          'startedAt',
          'log',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          instanceName: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: [
              'plan',
              'deploy',
              'suspend',
              'resume',
              'redeploy',
              'destroy',
              'update',
            ],
          },
          driver: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['running', 'succeeded', 'failed', 'cancelled'],
          },
          actor: {
            type: 'string',
          },
          message: {
            type: 'string',
            description: "The driver's error, when it failed.",
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          log: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          logHidden: {
            type: 'boolean',
            description:
              'The log and message are left out for this reader, who needs `sindri.instance.audit.read` (or to have started the operation).',
          },
        },
      },
      OperationStarted: {
        type: 'object',
        required: ['operation', 'entityRef'],
        properties: {
          operation: {
            $ref: '#/components/schemas/LifecycleOperation',
          },
          entityRef: {
            type: 'string',
            description: 'resource:default/<name>',
          },
          budgetWarning: {
            type: 'string',
            description:
              "The owner group's budget is enforced with `warn` and this instance's projected cost\nruns it over: the remaining budget and the projection, in words. The operation runs.\n",
          },
        },
      },
      OperationStreamEvent: {
        description: 'One line of `GET /operations/{id}/stream`.',
        oneOf: [
          {
            type: 'object',
            required: ['type', 'operation'],
            properties: {
              type: {
                type: 'string',
                enum: ['snapshot'],
              },
              operation: {
                $ref: '#/components/schemas/LifecycleOperation',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'line'],
            properties: {
              type: {
                type: 'string',
                enum: ['progress'],
              },
              line: {
                type: 'string',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'operation'],
            properties: {
              type: {
                type: 'string',
                enum: ['done'],
              },
              operation: {
                $ref: '#/components/schemas/LifecycleOperation',
              },
            },
          },
        ],
      },
      DriverOption: {
        type: 'object',
        description:
          'A driver the portal can deploy with, as it describes itself.',
        required: ['id', 'title', 'providers'],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          providers: {
            type: 'array',
            description: 'The `deployment.provider` values it deploys to.',
            items: {
              type: 'string',
            },
          },
        },
      },
      TerminalSessionInput: {
        type: 'object',
        description:
          'What was typed in a recorded session; always marked sensitive (passwords included).',
        required: ['id', 'sensitive', 'input', 'truncated'],
        properties: {
          id: {
            type: 'string',
          },
          sensitive: {
            type: 'boolean',
            enum: [true],
          },
          input: {
            type: 'string',
          },
          truncated: {
            type: 'boolean',
            description: 'Only the first 1 MiB of characters is returned.',
          },
        },
      },
      InstanceDeployment: {
        type: 'object',
        required: [
          'instanceName',
          'driver',
          'state',
          'provider',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          instanceName: {
            type: 'string',
          },
          driver: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: [
              'deploying',
              'running',
              'suspending',
              'suspended',
              'resuming',
              'redeploying',
              'destroying',
              'failed',
            ],
          },
          sindriYaml: {
            type: 'string',
            description: 'Absent when hidden from this reader.',
          },
          sindriYamlHidden: {
            type: 'boolean',
            description:
              'The sindri.yaml is left out for this reader, who needs `sindri.instance.audit.read` (or to have created the instance).',
          },
          provider: {
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      DeploymentOptions: {
        type: 'object',
        required: [
          'drivers',
          'profiles',
          'extensions',
          'providersWithRegion',
          'regionHints',
        ],
        properties: {
          drivers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DriverOption',
            },
          },
          defaultDriver: {
            type: 'string',
          },
          profiles: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'extensions'],
              properties: {
                name: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
                extensions: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              },
            },
          },
          extensions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                },
                category: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
              },
            },
          },
          providersWithRegion: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          regionHints: {
            type: 'object',
            description:
              "Region codes to suggest per provider, the examples Sindri's schema gives.",
            additionalProperties: {
              type: 'array',
              items: {
                type: 'string',
              },
            },
          },
        },
      },
      InstanceDrift: {
        type: 'object',
        required: [
          'status',
          'config',
          'tracksExtensions',
          'missing',
          'extra',
          'failed',
        ],
        properties: {
          status: {
            type: 'string',
            enum: ['in-sync', 'drifted', 'unknown'],
            description:
              'unknown when the portal holds no declared sindri.yaml (enrolled by hand) or the agent has not registered.',
          },
          reason: {
            type: 'string',
            description: 'Why the status is what it is, in words.',
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          declaredVersion: {
            type: 'integer',
          },
          config: {
            type: 'string',
            enum: ['match', 'differs', 'not-reported', 'not-declared'],
            description:
              'The sindri.yaml on the instance against the one the portal deployed.',
          },
          tracksExtensions: {
            type: 'boolean',
            description:
              'False for a driver that installs no extensions (the local driver) or a ledger the agent cannot read; drift then covers the sindri.yaml alone.',
          },
          declared: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          missing: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          extra: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          failed: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ConfigVersion: {
        type: 'object',
        required: ['version', 'createdBy', 'createdAt', 'current'],
        properties: {
          version: {
            type: 'integer',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          current: {
            type: 'boolean',
            description: 'The version the instance is declared with now.',
          },
          operation: {
            $ref: '#/components/schemas/LifecycleOperation',
          },
          sindriYaml: {
            type: 'string',
            description:
              'Only from the single-version route, and absent when hidden from this reader.',
          },
          sindriYamlHidden: {
            type: 'boolean',
          },
        },
      },
      ConfigApplied: {
        type: 'object',
        required: ['operation', 'entityRef', 'version'],
        properties: {
          operation: {
            $ref: '#/components/schemas/LifecycleOperation',
          },
          entityRef: {
            type: 'string',
          },
          version: {
            type: 'integer',
          },
        },
      },
      CostSource: {
        type: 'object',
        required: ['kind', 'description'],
        properties: {
          kind: {
            type: 'string',
            enum: ['list-price-estimate', 'billing'],
            description:
              "billing when a billing source module reported the instance's days (its title is the description).",
          },
          description: {
            type: 'string',
          },
        },
      },
      CostSplit: {
        type: 'object',
        required: ['compute', 'gpu', 'storage', 'total'],
        properties: {
          compute: {
            type: 'number',
          },
          gpu: {
            type: 'number',
          },
          storage: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
        },
      },
      RateLine: {
        type: 'object',
        required: ['kind', 'when', 'item', 'quantity', 'perHour', 'source'],
        properties: {
          kind: {
            type: 'string',
            enum: ['compute', 'gpu', 'storage'],
          },
          when: {
            type: 'string',
            enum: ['running', 'stopped'],
          },
          item: {
            type: 'string',
          },
          quantity: {
            type: 'number',
          },
          perHour: {
            type: 'number',
            description: 'USD per hour for this quantity.',
          },
          source: {
            type: 'object',
            required: ['page'],
            properties: {
              page: {
                type: 'string',
              },
              copyOf: {
                type: 'string',
              },
              date: {
                type: 'string',
              },
              region: {
                type: 'string',
              },
              note: {
                type: 'string',
              },
            },
          },
        },
      },
      InstanceCost: {
        type: 'object',
        required: [
          'currency',
          'source',
          'resourcesFrom',
          'resources',
          'status',
          'rates',
          'missing',
          'days',
          'last30Days',
          'monthToDate',
          'projectedMonthEnd',
        ],
        properties: {
          currency: {
            type: 'string',
            enum: ['USD'],
          },
          source: {
            $ref: '#/components/schemas/CostSource',
          },
          resourcesFrom: {
            type: 'string',
            enum: ['stored-sindri-yaml', 'agent-reported', 'none'],
          },
          resources: {
            type: 'object',
            required: ['provider'],
            properties: {
              provider: {
                type: 'string',
              },
              cpus: {
                type: 'number',
              },
              memoryGb: {
                type: 'number',
              },
              diskGb: {
                type: 'number',
              },
              gpu: {
                type: 'object',
                required: ['tier', 'count'],
                properties: {
                  tier: {
                    type: 'string',
                  },
                  count: {
                    type: 'number',
                  },
                },
              },
              cpuKind: {
                type: 'string',
              },
              region: {
                type: 'string',
              },
              machine: {
                type: 'object',
                required: ['cloud', 'type'],
                properties: {
                  cloud: {
                    type: 'string',
                  },
                  type: {
                    type: 'string',
                  },
                },
              },
            },
          },
          status: {
            type: 'string',
            enum: ['running', 'unresponsive', 'stopped', 'unknown'],
          },
          rates: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RateLine',
            },
          },
          missing: {
            type: 'array',
            description:
              'What no price table or configured rate prices; the figures leave it out.',
            items: {
              type: 'string',
            },
          },
          days: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'date',
                'runningHours',
                'stoppedHours',
                'compute',
                'gpu',
                'storage',
                'total',
              ],
              properties: {
                date: {
                  type: 'string',
                },
                runningHours: {
                  type: 'number',
                },
                stoppedHours: {
                  type: 'number',
                },
                compute: {
                  type: 'number',
                },
                gpu: {
                  type: 'number',
                },
                storage: {
                  type: 'number',
                },
                total: {
                  type: 'number',
                },
              },
            },
          },
          last30Days: {
            $ref: '#/components/schemas/CostSplit',
          },
          monthToDate: {
            type: 'number',
          },
          projectedMonthEnd: {
            type: 'number',
            description:
              "Month to date plus the rest of the month at the rate of the instance's current status.",
          },
          suspendSavingPerDay: {
            type: 'number',
            description:
              'What a day suspended saves against a day running; only while it runs.',
          },
        },
      },
      FleetCostGroup: {
        type: 'object',
        required: ['key', 'total', 'previous'],
        properties: {
          key: {
            type: 'string',
          },
          total: {
            type: 'number',
          },
          previous: {
            type: 'number',
          },
        },
      },
      FleetCost: {
        type: 'object',
        required: [
          'currency',
          'source',
          'from',
          'to',
          'previousFrom',
          'total',
          'previousTotal',
          'byProvider',
          'byOwner',
          'instances',
          'activeDeveloperHours',
        ],
        properties: {
          currency: {
            type: 'string',
            enum: ['USD'],
          },
          source: {
            $ref: '#/components/schemas/CostSource',
          },
          activeDeveloperHours: {
            type: 'integer',
            description:
              'Distinct (user, UTC hour) pairs in the last 30 days in which a user had a terminal\nsession open on one of these instances or started a command on one.\n',
          },
          costPerActiveDeveloperHour: {
            type: 'number',
            description:
              'total ÷ activeDeveloperHours; absent when there were none.',
          },
          from: {
            type: 'string',
            format: 'date-time',
          },
          to: {
            type: 'string',
            format: 'date-time',
          },
          previousFrom: {
            type: 'string',
            format: 'date-time',
          },
          total: {
            type: 'number',
          },
          previousTotal: {
            type: 'number',
          },
          byProvider: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FleetCostGroup',
            },
          },
          byOwner: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FleetCostGroup',
            },
          },
          instances: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'name',
                'owner',
                'provider',
                'total',
                'previous',
                'missing',
              ],
              properties: {
                name: {
                  type: 'string',
                },
                owner: {
                  type: 'string',
                },
                provider: {
                  type: 'string',
                },
                total: {
                  type: 'number',
                },
                previous: {
                  type: 'number',
                },
                missing: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
                billedBy: {
                  type: 'string',
                  description:
                    "The billing source whose bills this instance's figures come from; absent for the list-price estimate.",
                },
              },
            },
          },
        },
      },
      ActivityLast: {
        type: 'object',
        required: ['kind', 'detail', 'withinWindow'],
        properties: {
          kind: {
            type: 'string',
            enum: ['terminal', 'command', 'cpu', 'network'],
          },
          lastAt: {
            type: 'string',
            format: 'date-time',
            description: 'Absent when none was ever seen in the data kept.',
          },
          detail: {
            type: 'string',
          },
          withinWindow: {
            type: 'boolean',
            description: 'Whether it happened within the idle window.',
          },
        },
      },
      IdleVerdict: {
        type: 'object',
        required: ['verdict', 'days', 'reasons', 'activity'],
        properties: {
          verdict: {
            type: 'string',
            enum: ['idle', 'active', 'not-running', 'too-new'],
          },
          days: {
            type: 'integer',
            description: 'The idle window, in days.',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          activity: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ActivityLast',
            },
          },
          idleSince: {
            type: 'string',
            format: 'date-time',
            description:
              'The last terminal session or command (or the first registration).',
          },
          costPerDay: {
            type: 'number',
            description:
              'What a day running costs over a day suspended, USD (what a suspend saves).',
          },
          costSoFar: {
            type: 'number',
            description: 'costPerDay × the days since idleSince, USD.',
          },
        },
      },
      RightSizing: {
        type: 'object',
        required: ['verdict', 'message', 'data'],
        properties: {
          verdict: {
            type: 'string',
            enum: [
              'insufficient-data',
              'unknown-allocation',
              'fits',
              'oversized',
            ],
          },
          message: {
            type: 'string',
          },
          data: {
            type: 'object',
            required: ['resolution', 'to', 'days', 'samples', 'allocated'],
            properties: {
              resolution: {
                type: 'string',
              },
              from: {
                type: 'string',
                format: 'date-time',
              },
              to: {
                type: 'string',
                format: 'date-time',
              },
              days: {
                type: 'number',
              },
              samples: {
                type: 'integer',
              },
              cpuP95Percent: {
                type: 'number',
              },
              memoryP95Gb: {
                type: 'number',
              },
              allocated: {
                type: 'object',
                properties: {
                  cpus: {
                    type: 'number',
                  },
                  memoryGb: {
                    type: 'number',
                  },
                },
              },
            },
          },
          recommendation: {
            type: 'object',
            required: [
              'perHourNow',
              'perHourRecommended',
              'savingPer30Days',
              'runningHoursLast30Days',
            ],
            properties: {
              cpus: {
                type: 'number',
              },
              memoryGb: {
                type: 'number',
              },
              perHourNow: {
                type: 'number',
              },
              perHourRecommended: {
                type: 'number',
              },
              savingPer30Days: {
                type: 'number',
                description:
                  '(perHourNow − perHourRecommended) × the hours it ran in the last 30 days, USD.',
              },
              runningHoursLast30Days: {
                type: 'number',
              },
            },
          },
        },
      },
      InstanceUsage: {
        type: 'object',
        required: ['idle', 'rightSizing'],
        properties: {
          idle: {
            $ref: '#/components/schemas/IdleVerdict',
          },
          rightSizing: {
            $ref: '#/components/schemas/RightSizing',
          },
        },
      },
      InventoryPart: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            pattern:
              '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$',
          },
          hash: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
          },
          collectedAt: {
            type: 'string',
            format: 'date-time',
            pattern:
              '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
          },
          part: {
            type: 'integer',
            minimum: 0,
            maximum: 9007199254740991,
          },
          parts: {
            type: 'integer',
            minimum: 1,
            maximum: 200,
          },
          os: {
            type: 'object',
            properties: {
              id: {
                type: 'string',
                maxLength: 64,
              },
              versionId: {
                type: 'string',
                maxLength: 64,
              },
            },
            required: ['id'],
            additionalProperties: false,
          },
          cli: {
            type: 'object',
            properties: {
              version: {
                type: 'string',
                minLength: 1,
                maxLength: 64,
              },
            },
            required: ['version'],
            additionalProperties: false,
          },
          sources: {
            maxItems: 16,
            type: 'array',
            items: {
              type: 'object',
              properties: {
                source: {
                  type: 'string',
                  enum: [
                    'sindri-bom',
                    'dpkg',
                    'rpm',
                    'apk',
                    'npm',
                    'pip',
                    'cargo',
                  ],
                },
                state: {
                  type: 'string',
                  enum: ['collected', 'unavailable', 'failed'],
                },
                count: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 9007199254740991,
                },
                message: {
                  type: 'string',
                  maxLength: 512,
                },
              },
              required: ['source', 'state'],
              additionalProperties: false,
            },
          },
          access: {
            type: 'object',
            properties: {
              sshKeys: {
                maxItems: 200,
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    file: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    type: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 64,
                    },
                    bits: {
                      type: 'integer',
                      exclusiveMinimum: 0,
                      maximum: 9007199254740991,
                    },
                    fingerprint: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 128,
                    },
                    comment: {
                      type: 'string',
                      maxLength: 256,
                    },
                    weak: {
                      type: 'string',
                      maxLength: 256,
                    },
                  },
                  required: ['file', 'type', 'fingerprint'],
                  additionalProperties: false,
                },
              },
              listening: {
                maxItems: 500,
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    protocol: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 8,
                    },
                    address: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 64,
                    },
                    port: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 65535,
                    },
                    process: {
                      type: 'string',
                      maxLength: 128,
                    },
                    pid: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 9007199254740991,
                    },
                  },
                  required: ['protocol', 'address', 'port'],
                  additionalProperties: false,
                },
              },
            },
            required: ['sshKeys', 'listening'],
            additionalProperties: false,
          },
          components: {
            maxItems: 1000,
            type: 'array',
            items: {
              type: 'object',
              properties: {
                source: {
                  type: 'string',
                  enum: [
                    'sindri-bom',
                    'dpkg',
                    'rpm',
                    'apk',
                    'npm',
                    'pip',
                    'cargo',
                  ],
                },
                name: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 256,
                },
                version: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 128,
                },
                purl: {
                  type: 'string',
                  maxLength: 512,
                  pattern: '^pkg:[a-z0-9.+-]+\\/',
                },
                extension: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                },
              },
              required: ['source', 'name', 'version', 'purl'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'hash', 'collectedAt', 'part', 'parts', 'components'],
        additionalProperties: false,
      },
      InventoryComponent: {
        type: 'object',
        required: ['source', 'name', 'version', 'purl'],
        properties: {
          source: {
            type: 'string',
            enum: ['sindri-bom', 'dpkg', 'rpm', 'apk', 'npm', 'pip', 'cargo'],
          },
          name: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          purl: {
            type: 'string',
          },
          extension: {
            type: 'string',
          },
        },
      },
      AdvisoryFinding: {
        type: 'object',
        required: [
          'id',
          'summary',
          'severity',
          'aliases',
          'references',
          'package',
          'affected',
          'fixed',
          'firstSeenAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          summary: {
            type: 'string',
          },
          severity: {
            $ref: '#/components/schemas/AdvisorySeverity',
          },
          score: {
            type: 'number',
            description: 'The CVSS base score the severity comes from.',
          },
          vector: {
            type: 'string',
          },
          aliases: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          published: {
            type: 'string',
          },
          modified: {
            type: 'string',
          },
          references: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          package: {
            $ref: '#/components/schemas/InventoryComponent',
          },
          affected: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The affected versions of this package the advisory states, as ranges or a list.',
          },
          fixed: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'Versions the advisory names as fixed for this package; empty when it names none.',
          },
          firstSeenAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      AdvisorySync: {
        type: 'object',
        required: ['url', 'checked', 'unsupported', 'pending'],
        description:
          'The advisory source and its last sync. `lastError` with `lastAttemptAt` after\n`lastSuccessAt` means it could not be reached since then: findings may be missing.\n',
        properties: {
          url: {
            type: 'string',
          },
          lastSuccessAt: {
            type: 'string',
            format: 'date-time',
          },
          lastAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          lastError: {
            type: 'string',
          },
          checked: {
            type: 'integer',
            description:
              'Package versions (of these instances) OSV was asked about.',
          },
          unsupported: {
            type: 'integer',
            description:
              'Package versions of a kind OSV has no advisories for (e.g. pkg:generic).',
          },
          pending: {
            type: 'integer',
            description: 'Package versions not asked about yet.',
          },
        },
      },
      SecurityAccess: {
        type: 'object',
        required: ['token', 'reported', 'sshKeys', 'listening', 'secrets'],
        properties: {
          token: {
            type: 'object',
            required: ['rotationDays', 'stale'],
            properties: {
              createdAt: {
                type: 'string',
              },
              ageDays: {
                type: 'integer',
              },
              rotationDays: {
                type: 'integer',
              },
              stale: {
                type: 'boolean',
              },
            },
          },
          reported: {
            type: 'boolean',
            description:
              'Whether the agent has reported its SSH keys and sockets.',
          },
          sshKeys: {
            type: 'array',
            items: {
              type: 'object',
              required: ['file', 'type', 'fingerprint'],
              properties: {
                file: {
                  type: 'string',
                },
                type: {
                  type: 'string',
                },
                bits: {
                  type: 'integer',
                },
                fingerprint: {
                  type: 'string',
                },
                comment: {
                  type: 'string',
                },
                weak: {
                  type: 'string',
                },
              },
            },
          },
          listening: {
            type: 'array',
            items: {
              type: 'object',
              required: ['protocol', 'address', 'port', 'exposed'],
              properties: {
                protocol: {
                  type: 'string',
                },
                address: {
                  type: 'string',
                },
                port: {
                  type: 'integer',
                },
                process: {
                  type: 'string',
                },
                pid: {
                  type: 'integer',
                },
                exposed: {
                  type: 'boolean',
                  description: 'Listening on an address other than loopback.',
                },
              },
            },
          },
          secrets: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'source'],
              properties: {
                name: {
                  type: 'string',
                },
                source: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      ExtensionFreshness: {
        type: 'object',
        required: ['name', 'status', 'compatible'],
        properties: {
          name: {
            type: 'string',
          },
          installed: {
            type: 'string',
          },
          registry: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['current', 'behind', 'ahead', 'unknown', 'not-in-registry'],
          },
          compatible: {
            type: 'string',
            enum: ['yes', 'no', 'unknown'],
            description:
              "Against the compatibility matrix's range for the instance's Sindri CLI.",
          },
          range: {
            type: 'string',
          },
        },
      },
      InstanceSecurity: {
        type: 'object',
        required: ['components', 'advisories', 'sync', 'access', 'freshness'],
        properties: {
          inventory: {
            type: 'object',
            description: 'Absent until the agent reported what is installed.',
            required: [
              'hash',
              'collectedAt',
              'receivedAt',
              'sources',
              'componentCount',
            ],
            properties: {
              hash: {
                type: 'string',
              },
              collectedAt: {
                type: 'string',
                format: 'date-time',
              },
              receivedAt: {
                type: 'string',
                format: 'date-time',
              },
              os: {
                type: 'object',
                properties: {
                  id: {
                    type: 'string',
                  },
                  versionId: {
                    type: 'string',
                  },
                },
              },
              cli: {
                type: 'object',
                properties: {
                  version: {
                    type: 'string',
                  },
                },
              },
              sources: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['source', 'state'],
                  properties: {
                    source: {
                      type: 'string',
                    },
                    state: {
                      type: 'string',
                      enum: ['collected', 'unavailable', 'failed'],
                    },
                    count: {
                      type: 'integer',
                    },
                    message: {
                      type: 'string',
                    },
                  },
                },
              },
              componentCount: {
                type: 'integer',
              },
            },
          },
          components: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/InventoryComponent',
            },
          },
          advisories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AdvisoryFinding',
            },
          },
          sync: {
            $ref: '#/components/schemas/AdvisorySync',
          },
          access: {
            $ref: '#/components/schemas/SecurityAccess',
          },
          freshness: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ExtensionFreshness',
            },
          },
        },
      },
      FleetSecurity: {
        type: 'object',
        required: [
          'sync',
          'instances',
          'withInventory',
          'bySeverity',
          'topAdvisories',
          'criticalInstances',
          'staleTokens',
          'weakKeys',
          'exposedPorts',
          'withoutInventory',
        ],
        properties: {
          sync: {
            $ref: '#/components/schemas/AdvisorySync',
          },
          instances: {
            type: 'integer',
          },
          withInventory: {
            type: 'integer',
          },
          bySeverity: {
            type: 'object',
            description: '(instance, advisory) findings by severity.',
            required: ['critical', 'high', 'medium', 'low', 'unknown'],
            properties: {
              critical: {
                type: 'integer',
              },
              high: {
                type: 'integer',
              },
              medium: {
                type: 'integer',
              },
              low: {
                type: 'integer',
              },
              unknown: {
                type: 'integer',
              },
            },
          },
          topAdvisories: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'summary', 'severity', 'instances'],
              properties: {
                id: {
                  type: 'string',
                },
                summary: {
                  type: 'string',
                },
                severity: {
                  $ref: '#/components/schemas/AdvisorySeverity',
                },
                score: {
                  type: 'number',
                },
                instances: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              },
            },
          },
          criticalInstances: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'critical'],
              properties: {
                name: {
                  type: 'string',
                },
                critical: {
                  type: 'integer',
                },
              },
            },
          },
          staleTokens: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'ageDays'],
              properties: {
                name: {
                  type: 'string',
                },
                ageDays: {
                  type: 'integer',
                },
              },
            },
          },
          weakKeys: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'fingerprint', 'type', 'weak'],
              properties: {
                name: {
                  type: 'string',
                },
                fingerprint: {
                  type: 'string',
                },
                type: {
                  type: 'string',
                },
                bits: {
                  type: 'integer',
                },
                weak: {
                  type: 'string',
                },
              },
            },
          },
          exposedPorts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'address', 'port'],
              properties: {
                name: {
                  type: 'string',
                },
                address: {
                  type: 'string',
                },
                port: {
                  type: 'integer',
                },
                process: {
                  type: 'string',
                },
              },
            },
          },
          withoutInventory: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'Readable instances whose agent has not reported what is installed.',
          },
        },
      },
      AdvisorySeverity: {
        type: 'string',
        enum: ['critical', 'high', 'medium', 'low', 'unknown'],
        description:
          "From the advisory's CVSS base score (9.0+, 7.0+, 4.0+, above 0), else the severity its database gives; unknown when neither does.",
      },
      BudgetEnforcement: {
        type: 'string',
        enum: ['off', 'warn', 'block'],
        description:
          'What a create, clone or resume that would run the group over its budget meets.',
      },
      BudgetInput: {
        type: 'object',
        required: ['monthlyUsd', 'enforcement'],
        additionalProperties: false,
        properties: {
          monthlyUsd: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 100000000,
          },
          enforcement: {
            $ref: '#/components/schemas/BudgetEnforcement',
          },
        },
      },
      BudgetStatus: {
        type: 'object',
        required: [
          'group',
          'monthlyUsd',
          'enforcement',
          'month',
          'spent',
          'projected',
          'remaining',
          'percentSpent',
          'instances',
          'missing',
          'source',
          'updatedBy',
          'updatedAt',
        ],
        properties: {
          group: {
            type: 'string',
          },
          monthlyUsd: {
            type: 'number',
          },
          enforcement: {
            $ref: '#/components/schemas/BudgetEnforcement',
          },
          month: {
            type: 'string',
            description: 'The calendar month (UTC), YYYY-MM.',
          },
          spent: {
            type: 'number',
            description: 'Month to date, USD.',
          },
          projected: {
            type: 'number',
            description:
              "At the month's end if every instance stays in its current status, USD.",
          },
          remaining: {
            type: 'number',
            description: 'monthlyUsd − spent (negative once over).',
          },
          percentSpent: {
            type: 'number',
          },
          instances: {
            type: 'integer',
            description: 'How many instances the group owns.',
          },
          missing: {
            type: 'array',
            items: {
              type: 'string',
            },
            description: 'What could not be priced (the figures leave it out).',
          },
          source: {
            $ref: '#/components/schemas/CostSource',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      BudgetList: {
        type: 'object',
        required: ['currency', 'items', 'myGroups'],
        properties: {
          currency: {
            type: 'string',
            enum: ['USD'],
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BudgetStatus',
            },
          },
          myGroups: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              "The caller's groups (entity refs), with or without a budget.",
          },
        },
      },
      BudgetEstimateRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          owner: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              "Required, unless `cloneFrom` is given and the clone keeps its source's owner.",
          },
          sindriYaml: {
            type: 'string',
          },
          config: {
            type: 'object',
            additionalProperties: true,
          },
          cloneFrom: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          provider: {
            type: 'string',
            enum: [
              'docker',
              'fly',
              'devpod',
              'e2b',
              'kubernetes',
              'runpod',
              'northflank',
            ],
            description: 'For a clone, the provider it moves to.',
          },
          region: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            description: 'For a clone, the region it moves to.',
          },
        },
      },
      BudgetEstimate: {
        type: 'object',
        required: [
          'owner',
          'perHour',
          'projected',
          'hoursLeft',
          'missing',
          'verdict',
        ],
        properties: {
          owner: {
            type: 'string',
          },
          perHour: {
            type: 'number',
            description:
              "The instance's list-price rate while it runs, USD per hour.",
          },
          projected: {
            type: 'number',
            description: 'perHour × the hours left in the month, USD.',
          },
          hoursLeft: {
            type: 'number',
          },
          missing: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          verdict: {
            type: 'string',
            enum: ['within', 'over', 'no-budget'],
          },
          enforcement: {
            $ref: '#/components/schemas/BudgetEnforcement',
          },
          budget: {
            $ref: '#/components/schemas/BudgetStatus',
          },
          message: {
            type: 'string',
            description: 'What a create would be told when over.',
          },
        },
      },
      ConfigVerdict: {
        type: 'object',
        required: ['valid', 'issues'],
        properties: {
          valid: {
            type: 'boolean',
          },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['pointer', 'message'],
              properties: {
                pointer: {
                  type: 'string',
                  description: 'A JSON pointer; empty for the document itself.',
                },
                message: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      CommandSpec: {
        description:
          'What to run. An argv is executed without a shell; a script is written to a file on the instance and run by its interpreter line.',
        oneOf: [
          {
            type: 'object',
            required: ['argv'],
            additionalProperties: false,
            properties: {
              argv: {
                type: 'array',
                minItems: 1,
                maxItems: 256,
                items: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 8192,
                },
                example: ['systemctl', 'status', 'nginx'],
              },
            },
          },
          {
            type: 'object',
            required: ['script'],
            additionalProperties: false,
            properties: {
              script: {
                type: 'string',
                minLength: 1,
                maxLength: 65536,
                pattern: '^#!',
                description:
                  'Starts with an interpreter line, e.g. `#!/bin/bash`.',
              },
            },
          },
        ],
      },
      CatalogFilter: {
        type: 'object',
        description:
          'A catalog filter selecting instance entities, as the catalog API takes it: keys are entity\nfields (`metadata.labels.sindri.io/status`, `spec.owner`, ...), values one accepted value\nor a list of them. `kind: resource` and the Sindri instance `spec.type` are implied; only\nentities of the default namespace count. 1-20 fields.\n',
        minProperties: 1,
        maxProperties: 20,
        additionalProperties: {
          oneOf: [
            {
              type: 'string',
              minLength: 1,
              maxLength: 256,
            },
            {
              type: 'array',
              minItems: 1,
              maxItems: 100,
              items: {
                type: 'string',
                minLength: 1,
                maxLength: 256,
              },
            },
          ],
        },
        example: {
          'spec.owner': 'group:default/platform',
        },
      },
      CommandTarget: {
        description:
          'The instances to run on, by name (each must be registered) or by catalog filter; at most 1000.',
        oneOf: [
          {
            type: 'object',
            required: ['instances'],
            properties: {
              instances: {
                type: 'array',
                minItems: 1,
                maxItems: 1000,
                items: {
                  type: 'string',
                  pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
                },
              },
            },
          },
          {
            type: 'object',
            required: ['filter'],
            properties: {
              filter: {
                $ref: '#/components/schemas/CatalogFilter',
              },
            },
          },
        ],
      },
      CommandRequest: {
        type: 'object',
        required: ['target', 'command'],
        properties: {
          target: {
            $ref: '#/components/schemas/CommandTarget',
          },
          command: {
            $ref: '#/components/schemas/CommandSpec',
          },
          timeoutSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 3600,
            default: 300,
            description:
              'Per instance; the command is killed when it runs longer.',
          },
          concurrency: {
            type: 'integer',
            minimum: 1,
            maximum: 100,
            default: 10,
            description: 'Instances the command runs on at once.',
          },
        },
      },
      CommandResultState: {
        type: 'string',
        description:
          'queued → running → a final state: `succeeded` (exit code 0), `failed` (another exit code,\nor it could not start), `timeout`, `cancelled`, `denied` (the caller may not run commands\nthere) or `unreachable` (its agent was not connected).\n',
        enum: [
          'queued',
          'running',
          'succeeded',
          'failed',
          'timeout',
          'cancelled',
          'denied',
          'unreachable',
        ],
      },
      CommandResult: {
        type: 'object',
        description: "One instance's part of a run.",
        required: [
          'instance',
          'state',
          'stdoutBytes',
          'stderrBytes',
          'stdout',
          'stderr',
        ],
        properties: {
          instance: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/CommandResultState',
          },
          exitCode: {
            type: ['integer', 'null'],
          },
          signal: {
            type: ['string', 'null'],
            example: 'SIGKILL',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          endedAt: {
            type: 'string',
            format: 'date-time',
          },
          durationMs: {
            type: 'number',
          },
          stdoutBytes: {
            type: 'integer',
            minimum: 0,
            description: 'Bytes the command wrote to stdout, all of them.',
          },
          stderrBytes: {
            type: 'integer',
            minimum: 0,
          },
          stdout: {
            type: 'string',
            description: 'The tail of stdout, its last 65536 characters.',
            maxLength: 65536,
          },
          stderr: {
            type: 'string',
            description: 'The tail of stderr, its last 65536 characters.',
            maxLength: 65536,
          },
          message: {
            type: 'string',
            description:
              'Why it ended as it did, when the portal knows more than the exit code.',
          },
          outputHidden: {
            type: 'boolean',
            description:
              'stdout and stderr are left out for this reader, who needs `sindri.instance.audit.read` on the instance (or to have started the run).',
          },
        },
      },
      CommandRun: {
        type: 'object',
        required: [
          'id',
          'createdBy',
          'createdAt',
          'command',
          'target',
          'timeoutSeconds',
          'concurrency',
          'state',
          'counts',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          createdBy: {
            type: 'string',
            description: "The user's entity ref, or `service:<subject>`.",
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          endedAt: {
            type: 'string',
            format: 'date-time',
          },
          command: {
            $ref: '#/components/schemas/CommandSpec',
          },
          target: {
            $ref: '#/components/schemas/CommandTarget',
          },
          timeoutSeconds: {
            type: 'integer',
          },
          concurrency: {
            type: 'integer',
          },
          state: {
            type: 'string',
            enum: ['running', 'done', 'cancelled'],
            description: '`running` until every result is final.',
          },
          counts: {
            type: 'object',
            description: "Results per state, over all of the run's instances.",
            additionalProperties: false,
            properties: {
              queued: {
                type: 'integer',
              },
              running: {
                type: 'integer',
              },
              succeeded: {
                type: 'integer',
              },
              failed: {
                type: 'integer',
              },
              timeout: {
                type: 'integer',
              },
              cancelled: {
                type: 'integer',
              },
              denied: {
                type: 'integer',
              },
              unreachable: {
                type: 'integer',
              },
            },
          },
          results: {
            type: 'array',
            description:
              'The results of the instances the caller may read, by instance name.',
            items: {
              $ref: '#/components/schemas/CommandResult',
            },
          },
        },
      },
      CommandRunSummary: {
        description: 'A run in the history, without results.',
        allOf: [
          {
            $ref: '#/components/schemas/CommandRun',
          },
          {
            type: 'object',
            required: ['instances'],
            properties: {
              instances: {
                type: 'array',
                description: "The run's instances the caller may read, sorted.",
                items: {
                  type: 'string',
                },
              },
            },
          },
        ],
      },
      CommandStreamEvent: {
        description: 'One line of `GET /commands/{id}/stream`.',
        oneOf: [
          {
            type: 'object',
            required: ['type', 'run'],
            properties: {
              type: {
                type: 'string',
                enum: ['snapshot'],
              },
              run: {
                $ref: '#/components/schemas/CommandRun',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'instance', 'stream', 'data'],
            properties: {
              type: {
                type: 'string',
                enum: ['output'],
              },
              instance: {
                type: 'string',
              },
              stream: {
                type: 'string',
                enum: ['stdout', 'stderr'],
              },
              data: {
                type: 'string',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'result'],
            properties: {
              type: {
                type: 'string',
                enum: ['result'],
              },
              result: {
                $ref: '#/components/schemas/CommandResult',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'run'],
            properties: {
              type: {
                type: 'string',
                enum: ['done'],
              },
              run: {
                $ref: '#/components/schemas/CommandRun',
              },
            },
          },
        ],
      },
      TerminalSessionRecord: {
        type: 'object',
        required: [
          'id',
          'instance',
          'sessionId',
          'openedBy',
          'startedAt',
          'bytesIn',
          'bytesOut',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: "The audit row's id.",
          },
          instance: {
            type: 'string',
          },
          sessionId: {
            type: 'string',
            description:
              'The browser-chosen id the session can be re-attached with while it lives.',
          },
          openedBy: {
            type: 'string',
            description: "The user's entity ref.",
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          endedAt: {
            type: 'string',
            format: 'date-time',
            description: 'Absent while the session lives.',
          },
          bytesIn: {
            type: 'integer',
            minimum: 0,
            description: 'Bytes typed.',
          },
          bytesOut: {
            type: 'integer',
            minimum: 0,
            description: 'Output bytes.',
          },
          exitCode: {
            type: ['integer', 'null'],
          },
          endReason: {
            type: 'string',
            description:
              'exited, idle, closed, error, denied (the shell belongs to another user), or lost (the agent restarted under it).',
          },
          inputRecorded: {
            type: 'boolean',
            description:
              'Its keystrokes were recorded (`sindri.terminal.recordInput`); see `.../input`.',
          },
        },
      },
      AgentFrame: {
        type: 'object',
        description:
          'One of {type: register, registration}, {type: heartbeat, heartbeat}, {type: metrics, metrics}, {type: event, event}, {type: logs, logs}, {type: inventory, inventory: InventoryPart}; the zod schemas in @internal/plugin-sindri-common are authoritative.',
        required: ['type'],
        properties: {
          type: {
            type: 'string',
            enum: [
              'register',
              'heartbeat',
              'metrics',
              'event',
              'logs',
              'inventory',
            ],
          },
        },
      },
      BackendFrame: {
        type: 'object',
        required: ['type'],
        properties: {
          type: {
            type: 'string',
            enum: ['ack', 'error'],
          },
          id: {
            type: 'string',
          },
          status: {
            type: 'integer',
          },
          message: {
            type: 'string',
          },
        },
      },
      Enrollment: {
        type: 'object',
        required: ['instanceId', 'name', 'owner'],
        properties: {
          instanceId: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tokenId: {
            type: 'string',
          },
          tokenCreatedAt: {
            type: 'string',
          },
          tokenCreatedBy: {
            type: 'string',
          },
          registeredAt: {
            type: 'string',
          },
        },
      },
      FleetInstance: {
        type: 'object',
        description: 'Fields an agent never reported are absent.',
        required: ['id', 'name', 'owner', 'status'],
        properties: {
          id: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          provider: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['running', 'unresponsive', 'stopped', 'unknown'],
          },
          statusChangedAt: {
            type: 'string',
          },
          registeredAt: {
            type: 'string',
          },
          lastHeartbeatAt: {
            type: 'string',
          },
          heartbeatIntervalSeconds: {
            type: 'integer',
          },
          uptimeSeconds: {
            type: 'number',
          },
          registration: {
            $ref: '#/components/schemas/Registration',
          },
          latestMetrics: {
            $ref: '#/components/schemas/MetricsSample',
          },
          drift: {
            type: 'string',
            enum: ['in-sync', 'drifted', 'unknown'],
            description: 'Absent until drift was first computed.',
          },
        },
      },
      Registration: {
        type: 'object',
        properties: {
          instanceId: {
            type: 'string',
            pattern: '^[A-Za-z0-9._-]{1,64}$',
          },
          name: {
            type: 'string',
            pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
          },
          provider: {
            type: 'string',
            enum: [
              'docker',
              'fly',
              'devpod',
              'e2b',
              'kubernetes',
              'runpod',
              'northflank',
              'local',
            ],
          },
          region: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
          hostname: {
            type: 'string',
            minLength: 1,
            maxLength: 253,
          },
          os: {
            type: 'object',
            properties: {
              platform: {
                type: 'string',
                minLength: 1,
                maxLength: 32,
              },
              release: {
                type: 'string',
                minLength: 1,
                maxLength: 128,
              },
              arch: {
                type: 'string',
                minLength: 1,
                maxLength: 32,
              },
              distro: {
                type: 'string',
                minLength: 1,
                maxLength: 128,
              },
            },
            required: ['platform', 'release', 'arch'],
            additionalProperties: false,
          },
          agentVersion: {
            type: 'string',
            minLength: 1,
            maxLength: 32,
          },
          bootTime: {
            type: 'string',
            format: 'date-time',
            pattern:
              '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
          },
          heartbeatIntervalSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 3600,
          },
          sindriConfig: {
            type: 'object',
            properties: {
              hash: {
                type: 'string',
                pattern: '^[a-f0-9]{64}$',
              },
              name: {
                type: 'string',
                minLength: 1,
                maxLength: 128,
              },
              profile: {
                type: 'string',
                minLength: 1,
                maxLength: 64,
              },
              extensions: {
                maxItems: 200,
                type: 'array',
                items: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                },
              },
              resources: {
                type: 'object',
                properties: {
                  cpus: {
                    type: 'number',
                    exclusiveMinimum: 0,
                  },
                  memory: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 32,
                  },
                  disk: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 32,
                  },
                  gpu: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 64,
                  },
                },
                additionalProperties: false,
              },
            },
            required: ['hash', 'extensions'],
            additionalProperties: false,
          },
          extensions: {
            maxItems: 200,
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                },
                version: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                },
                installSeconds: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 604800,
                },
                bom: {
                  maxItems: 50,
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      name: {
                        type: 'string',
                        minLength: 1,
                        maxLength: 128,
                      },
                      version: {
                        type: 'string',
                        minLength: 1,
                        maxLength: 64,
                      },
                    },
                    required: ['name'],
                    additionalProperties: false,
                  },
                },
              },
              required: ['name'],
              additionalProperties: false,
            },
          },
          failedExtensions: {
            maxItems: 200,
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                },
                error: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 256,
                },
                at: {
                  type: 'string',
                  format: 'date-time',
                  pattern:
                    '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
                },
              },
              required: ['name'],
              additionalProperties: false,
            },
          },
          extensionLedger: {
            type: 'string',
            enum: ['read', 'missing', 'unreadable'],
          },
          ssh: {
            type: 'object',
            properties: {
              host: {
                type: 'string',
                minLength: 1,
                maxLength: 253,
              },
              port: {
                type: 'integer',
                minimum: 1,
                maximum: 65535,
              },
              user: {
                type: 'string',
                minLength: 1,
                maxLength: 64,
              },
            },
            required: ['host', 'port'],
            additionalProperties: false,
          },
        },
        required: [
          'instanceId',
          'name',
          'provider',
          'hostname',
          'os',
          'agentVersion',
          'bootTime',
          'heartbeatIntervalSeconds',
          'extensions',
        ],
        additionalProperties: false,
      },
      MetricsSample: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            pattern:
              '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$',
          },
          at: {
            type: 'string',
            format: 'date-time',
            pattern:
              '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
          },
          cpu: {
            type: 'object',
            properties: {
              percent: {
                type: 'number',
                minimum: 0,
                maximum: 100,
              },
            },
            required: ['percent'],
            additionalProperties: false,
          },
          load: {
            type: 'object',
            properties: {
              one: {
                type: 'number',
                minimum: 0,
              },
              five: {
                type: 'number',
                minimum: 0,
              },
              fifteen: {
                type: 'number',
                minimum: 0,
              },
            },
            required: ['one', 'five', 'fifteen'],
            additionalProperties: false,
          },
          memory: {
            type: 'object',
            properties: {
              totalBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              usedBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              availableBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              cachedBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
            },
            required: ['totalBytes', 'usedBytes', 'availableBytes'],
            additionalProperties: false,
          },
          swap: {
            type: 'object',
            properties: {
              totalBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              usedBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
            },
            required: ['totalBytes', 'usedBytes'],
            additionalProperties: false,
          },
          disks: {
            maxItems: 64,
            type: 'array',
            items: {
              type: 'object',
              properties: {
                mount: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 512,
                },
                sizeBytes: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 9007199254740991,
                },
                usedBytes: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 9007199254740991,
                },
                inodesTotal: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 9007199254740991,
                },
                inodesUsed: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 9007199254740991,
                },
              },
              required: ['mount', 'sizeBytes', 'usedBytes'],
              additionalProperties: false,
            },
          },
          network: {
            type: 'object',
            properties: {
              rxBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              txBytes: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
            },
            required: ['rxBytes', 'txBytes'],
            additionalProperties: false,
          },
          processes: {
            type: 'object',
            properties: {
              count: {
                type: 'integer',
                minimum: 0,
                maximum: 9007199254740991,
              },
              topByCpu: {
                maxItems: 10,
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    pid: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 9007199254740991,
                    },
                    name: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 256,
                    },
                    cpuPercent: {
                      type: 'number',
                      minimum: 0,
                    },
                    memoryBytes: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 9007199254740991,
                    },
                  },
                  required: ['pid', 'name', 'cpuPercent', 'memoryBytes'],
                  additionalProperties: false,
                },
              },
              topByMemory: {
                maxItems: 10,
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    pid: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 9007199254740991,
                    },
                    name: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 256,
                    },
                    cpuPercent: {
                      type: 'number',
                      minimum: 0,
                    },
                    memoryBytes: {
                      type: 'integer',
                      minimum: 0,
                      maximum: 9007199254740991,
                    },
                  },
                  required: ['pid', 'name', 'cpuPercent', 'memoryBytes'],
                  additionalProperties: false,
                },
              },
            },
            required: ['count', 'topByCpu', 'topByMemory'],
            additionalProperties: false,
          },
        },
        required: ['id', 'at'],
        additionalProperties: false,
      },
      InstanceEvent: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            pattern:
              '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$',
          },
          at: {
            type: 'string',
            format: 'date-time',
            pattern:
              '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
          },
          type: {
            type: 'string',
            enum: [
              'started',
              'stopped',
              'deploy',
              'extension-installed',
              'extension-removed',
              'extension-failed',
              'config-changed',
              'agent-warning',
              'lifecycle',
              'drift',
            ],
          },
          message: {
            type: 'string',
            maxLength: 1024,
          },
          data: {
            type: 'object',
            propertyNames: {
              type: 'string',
              maxLength: 64,
            },
            additionalProperties: {
              anyOf: [
                {
                  type: 'string',
                  maxLength: 1024,
                },
                {
                  type: 'number',
                },
                {
                  type: 'boolean',
                },
              ],
            },
          },
        },
        required: ['id', 'at', 'type'],
        additionalProperties: false,
      },
      Health: {
        type: 'object',
        required: ['status', 'database', 'registry'],
        additionalProperties: false,
        properties: {
          status: {
            type: 'string',
            enum: ['ok', 'degraded'],
          },
          database: {
            type: 'object',
            required: ['client', 'reachable', 'migrations'],
            additionalProperties: false,
            properties: {
              client: {
                type: 'string',
                enum: ['better-sqlite3', 'pg'],
              },
              reachable: {
                type: 'boolean',
              },
              migrations: {
                type: 'integer',
                minimum: 0,
                description: "Number of the plugin's knex migrations applied.",
              },
              unreachableSince: {
                type: 'string',
                format: 'date-time',
                description:
                  'While the database does not answer, since when this replica has found it so.',
              },
            },
          },
          registry: {
            type: 'object',
            required: ['extensions', 'profiles'],
            additionalProperties: false,
            properties: {
              extensions: {
                type: 'integer',
                minimum: 0,
              },
              profiles: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
        },
      },
    },
  },
  security: [
    {
      BackstageToken: [],
    },
  ],
} as const;

/** Every HTTP operation of the spec, as the typed router takes them. */
export type EndpointMap = {
  '#get|/health': {
    response: operations['getHealth']['responses'][200]['content']['application/json'];
  };
  '#post|/ingest': {
    body: NonNullable<
      operations['ingest']['requestBody']
    >['content']['application/json'];
    response: operations['ingest']['responses'][200]['content']['application/json'];
  };
  '#get|/agent/install.sh': {
    response: string | Uint8Array;
  };
  '#get|/agent/bundle': {
    response: string | Uint8Array;
  };
  '#get|/enrollments': {
    response: operations['listEnrollments']['responses'][200]['content']['application/json'];
  };
  '#post|/enrollments': {
    body: NonNullable<
      operations['createEnrollment']['requestBody']
    >['content']['application/json'];
    response: operations['createEnrollment']['responses'][201]['content']['application/json'];
  };
  '#post|/enrollments/{instanceId}/rotate': {
    path: operations['rotateEnrollmentToken']['parameters']['path'];
    response: operations['rotateEnrollmentToken']['responses'][200]['content']['application/json'];
  };
  '#_delete|/enrollments/{instanceId}': {
    path: operations['revokeEnrollment']['parameters']['path'];
    response: void;
  };
  '#get|/instances': {
    response: operations['listInstances']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}': {
    path: operations['getInstance']['parameters']['path'];
    response: operations['getInstance']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/metrics': {
    path: operations['getInstanceMetrics']['parameters']['path'];
    query: NonNullable<operations['getInstanceMetrics']['parameters']['query']>;
    response: operations['getInstanceMetrics']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/events': {
    path: operations['getInstanceEvents']['parameters']['path'];
    query: NonNullable<operations['getInstanceEvents']['parameters']['query']>;
    response: operations['getInstanceEvents']['responses'][200]['content']['application/json'];
  };
  '#get|/events': {
    query: NonNullable<operations['listEvents']['parameters']['query']>;
    response: operations['listEvents']['responses'][200]['content']['application/json'];
  };
  '#get|/fleet/summary': {
    response: operations['getFleetSummary']['responses'][200]['content']['application/json'];
  };
  '#get|/extensions': {
    response: operations['listExtensions']['responses'][200]['content']['application/json'];
  };
  '#get|/extensions/{name}': {
    path: operations['getExtension']['parameters']['path'];
    response: operations['getExtension']['responses'][200]['content']['application/json'];
  };
  '#get|/fleet/extensions': {
    response: operations['getFleetExtensionUsage']['responses'][200]['content']['application/json'];
  };
  '#get|/metrics': {
    response: string | Uint8Array;
  };
  '#get|/instances/{name}/terminal-sessions': {
    path: operations['listTerminalSessions']['parameters']['path'];
    query: NonNullable<
      operations['listTerminalSessions']['parameters']['query']
    >;
    response: operations['listTerminalSessions']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/terminal-sessions/{id}/input': {
    path: operations['getTerminalSessionInput']['parameters']['path'];
    response: operations['getTerminalSessionInput']['responses'][200]['content']['application/json'];
  };
  '#post|/commands/targets': {
    body: NonNullable<
      operations['resolveCommandTargets']['requestBody']
    >['content']['application/json'];
    response: operations['resolveCommandTargets']['responses'][200]['content']['application/json'];
  };
  '#get|/commands': {
    query: NonNullable<operations['listCommands']['parameters']['query']>;
    response: operations['listCommands']['responses'][200]['content']['application/json'];
  };
  '#post|/commands': {
    body: NonNullable<
      operations['startCommand']['requestBody']
    >['content']['application/json'];
    response: operations['startCommand']['responses'][201]['content']['application/json'];
  };
  '#get|/commands/{id}': {
    path: operations['getCommand']['parameters']['path'];
    response: operations['getCommand']['responses'][200]['content']['application/json'];
  };
  '#post|/commands/{id}/cancel': {
    path: operations['cancelCommand']['parameters']['path'];
    response: operations['cancelCommand']['responses'][202]['content']['application/json'];
  };
  '#get|/commands/{id}/stream': {
    path: operations['streamCommand']['parameters']['path'];
    response: string | Uint8Array;
  };
  '#get|/deployments/options': {
    response: operations['getDeploymentOptions']['responses'][200]['content']['application/json'];
  };
  '#post|/config/validate': {
    body: NonNullable<
      operations['validateConfig']['requestBody']
    >['content']['application/json'];
    response: operations['validateConfig']['responses'][200]['content']['application/json'];
  };
  '#post|/deployments': {
    body: NonNullable<
      operations['createDeployment']['requestBody']
    >['content']['application/json'];
    response: operations['createDeployment']['responses'][202]['content']['application/json'];
  };
  '#get|/operations/{id}': {
    path: operations['getOperation']['parameters']['path'];
    response: operations['getOperation']['responses'][200]['content']['application/json'];
  };
  '#get|/operations/{id}/stream': {
    path: operations['streamOperation']['parameters']['path'];
    response: string | Uint8Array;
  };
  '#get|/instances/{name}/deployment': {
    path: operations['getInstanceDeployment']['parameters']['path'];
    response: operations['getInstanceDeployment']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/operations': {
    path: operations['listInstanceOperations']['parameters']['path'];
    query: NonNullable<
      operations['listInstanceOperations']['parameters']['query']
    >;
    response: operations['listInstanceOperations']['responses'][200]['content']['application/json'];
  };
  '#post|/instances/{name}/lifecycle': {
    path: operations['runLifecycleAction']['parameters']['path'];
    body: NonNullable<
      operations['runLifecycleAction']['requestBody']
    >['content']['application/json'];
    response: operations['runLifecycleAction']['responses'][202]['content']['application/json'];
  };
  '#get|/instances/{name}/drift': {
    path: operations['getInstanceDrift']['parameters']['path'];
    response: operations['getInstanceDrift']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/config/versions': {
    path: operations['listConfigVersions']['parameters']['path'];
    response: operations['listConfigVersions']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/config/versions/{version}': {
    path: operations['getConfigVersion']['parameters']['path'];
    response: operations['getConfigVersion']['responses'][200]['content']['application/json'];
  };
  '#post|/instances/{name}/config/validate': {
    path: operations['validateInstanceConfig']['parameters']['path'];
    body: NonNullable<
      operations['validateInstanceConfig']['requestBody']
    >['content']['application/json'];
    response: operations['validateInstanceConfig']['responses'][200]['content']['application/json'];
  };
  '#post|/instances/{name}/config': {
    path: operations['applyInstanceConfig']['parameters']['path'];
    body: NonNullable<
      operations['applyInstanceConfig']['requestBody']
    >['content']['application/json'];
    response: operations['applyInstanceConfig']['responses'][202]['content']['application/json'];
  };
  '#get|/instances/{name}/cost': {
    path: operations['getInstanceCost']['parameters']['path'];
    response: operations['getInstanceCost']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/usage': {
    path: operations['getInstanceUsage']['parameters']['path'];
    response: operations['getInstanceUsage']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/security': {
    path: operations['getInstanceSecurity']['parameters']['path'];
    response: operations['getInstanceSecurity']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/sbom': {
    path: operations['getInstanceSbom']['parameters']['path'];
    response: string | Uint8Array;
  };
  '#get|/fleet/security': {
    response: operations['getFleetSecurity']['responses'][200]['content']['application/json'];
  };
  '#get|/fleet/sbom': {
    response: string | Uint8Array;
  };
  '#get|/fleet/cost': {
    response: operations['getFleetCost']['responses'][200]['content']['application/json'];
  };
  '#get|/budgets': {
    response: operations['listBudgets']['responses'][200]['content']['application/json'];
  };
  '#post|/budgets/estimate': {
    body: NonNullable<
      operations['estimateBudget']['requestBody']
    >['content']['application/json'];
    response: operations['estimateBudget']['responses'][200]['content']['application/json'];
  };
  '#put|/budgets/{group}': {
    path: operations['setBudget']['parameters']['path'];
    body: NonNullable<
      operations['setBudget']['requestBody']
    >['content']['application/json'];
    response: operations['setBudget']['responses'][200]['content']['application/json'];
  };
  '#_delete|/budgets/{group}': {
    path: operations['deleteBudget']['parameters']['path'];
    response: void;
  };
  '#get|/alerts': {
    query: NonNullable<operations['listAlerts']['parameters']['query']>;
    response: operations['listAlerts']['responses'][200]['content']['application/json'];
  };
  '#get|/alerts/{id}/deliveries': {
    path: operations['listAlertDeliveries']['parameters']['path'];
    response: operations['listAlertDeliveries']['responses'][200]['content']['application/json'];
  };
  '#post|/alerts/{id}/acknowledge': {
    path: operations['acknowledgeAlert']['parameters']['path'];
    response: operations['acknowledgeAlert']['responses'][200]['content']['application/json'];
  };
  '#post|/alerts/{id}/silence': {
    path: operations['silenceAlert']['parameters']['path'];
    body: NonNullable<
      operations['silenceAlert']['requestBody']
    >['content']['application/json'];
    response: operations['silenceAlert']['responses'][200]['content']['application/json'];
  };
  '#_delete|/alerts/{id}/silence': {
    path: operations['unsilenceAlert']['parameters']['path'];
    response: operations['unsilenceAlert']['responses'][200]['content']['application/json'];
  };
  '#get|/alert-rules': {
    response: operations['listAlertRules']['responses'][200]['content']['application/json'];
  };
  '#post|/alert-rules': {
    body: NonNullable<
      operations['createAlertRule']['requestBody']
    >['content']['application/json'];
    response: operations['createAlertRule']['responses'][201]['content']['application/json'];
  };
  '#put|/alert-rules/{id}': {
    path: operations['updateAlertRule']['parameters']['path'];
    body: NonNullable<
      operations['updateAlertRule']['requestBody']
    >['content']['application/json'];
    response: operations['updateAlertRule']['responses'][200]['content']['application/json'];
  };
  '#_delete|/alert-rules/{id}': {
    path: operations['deleteAlertRule']['parameters']['path'];
    response: void;
  };
  '#get|/alert-channels': {
    response: operations['listAlertChannels']['responses'][200]['content']['application/json'];
  };
  '#post|/alert-channels': {
    body: NonNullable<
      operations['createAlertChannel']['requestBody']
    >['content']['application/json'];
    response: operations['createAlertChannel']['responses'][201]['content']['application/json'];
  };
  '#put|/alert-channels/{id}': {
    path: operations['updateAlertChannel']['parameters']['path'];
    body: NonNullable<
      operations['updateAlertChannel']['requestBody']
    >['content']['application/json'];
    response: operations['updateAlertChannel']['responses'][200]['content']['application/json'];
  };
  '#_delete|/alert-channels/{id}': {
    path: operations['deleteAlertChannel']['parameters']['path'];
    response: void;
  };
  '#get|/logs': {
    query: NonNullable<operations['searchLogs']['parameters']['query']>;
    response: operations['searchLogs']['responses'][200]['content']['application/json'];
  };
  '#get|/logs/tail': {
    query: NonNullable<operations['tailLogs']['parameters']['query']>;
    response: string | Uint8Array;
  };
  '#get|/instances/{name}/logs': {
    path: operations['getInstanceLogs']['parameters']['path'];
    query: NonNullable<operations['getInstanceLogs']['parameters']['query']>;
    response: operations['getInstanceLogs']['responses'][200]['content']['application/json'];
  };
  '#get|/instances/{name}/logs/tail': {
    path: operations['tailInstanceLogs']['parameters']['path'];
    query: NonNullable<operations['tailInstanceLogs']['parameters']['query']>;
    response: string | Uint8Array;
  };
};

/** An Express router that refuses what the spec forbids, typed by it. */
export const createOpenApiRouter = async (
  options?: Parameters<
    typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
  >['1'],
) =>
  createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    options,
  );
