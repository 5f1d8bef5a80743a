import { baseName, isObject, numberOf, objectAt, scalarOf, type Json, type JsonObject } from './json-text.ts';

/**
 * Where each AIPerf and GenAI-Perf version keeps a run's configuration in `input_config`:
 * - AIPerf 0.1–0.8 (aiperf/common/config/*.py): `loadgen.{concurrency, request_rate}`,
 *   `endpoint.{model_names, type, streaming}`, `input.prompt.{input_tokens, output_tokens}.mean`,
 *   `input.public_dataset`; 0.8 adds `scenario`.
 * - AIPerf 0.11 (src/aiperf/config/phases.py): `phases[]` (the profiling phase's `concurrency`
 *   or `rate`), `models.items[].name`, `datasets[]`.
 * - GenAI-Perf before March 2025 (`dict(vars(args))`, parser.py): flat `concurrency`,
 *   `request_rate`, `model[]`, `endpoint_type`, `streaming`, `service_kind`, `backend`,
 *   `synthetic_input_tokens_mean`, `output_tokens_mean`, `prompt_source`.
 * - GenAI-Perf's config-file schema (genai_perf/config/input/config_command.py):
 *   `perf_analyzer.stimulus.{concurrency | request_rate}`, `model_names[]`,
 *   `endpoint.{type, streaming, service_kind, backend}`, `input.{synthetic_tokens, output_tokens}.mean`.
 */

/** A value of the configuration and the keys that lead to it, for messages. */
export interface ConfigValue {
  value: Json | undefined;
  path: string[];
}

/** What a run was configured with, in any layout. */
export interface AiperfConfig {
  concurrency: ConfigValue;
  requestRate: ConfigValue;
  model: ConfigValue;
  endpointType: ConfigValue;
  streaming: ConfigValue;
  /** Requested (synthetic) input and output tokens per request. */
  inputLen: ConfigValue;
  outputLen: ConfigValue;
  dataset: ConfigValue;
  /** The inference server, when the tool says it (GenAI-Perf's backend for Triton). */
  engine: ConfigValue;
  scenario: ConfigValue;
}

const none = (path: string[] = []): ConfigValue => ({ value: undefined, path });
// Only scalars are settings: a layout this reader does not know may hold an object under a known name.
const value = (object: JsonObject | null, key: string, path: string[]): ConfigValue => ({ value: scalarOf(object?.[key]), path: [...path, key] });

// GenAI-Perf writes -1 (or nothing) for "not set" in its token targets.
function positive(config: ConfigValue): ConfigValue {
  const n = numberOf(config.value);
  return n !== null && n > 0 ? config : none(config.path);
}

function firstOf(list: Json | undefined): Json | undefined {
  return Array.isArray(list) ? list.find((item) => typeof item === 'string') : typeof list === 'string' ? list : undefined;
}

/** The profiling phase of AIPerf 0.11's phases (the one whose results are reported). */
function profilingPhase(config: JsonObject): JsonObject | null {
  if (!Array.isArray(config.phases)) return null;
  const phases = config.phases.filter(isObject);
  return phases.find((p) => p.name === 'profiling') ?? phases.find((p) => p.exclude_from_results !== true) ?? null;
}

/** The dataset of AIPerf 0.11's `datasets[]`: a public dataset's name, or a file's base name. */
function datasetEntry(config: JsonObject): Json | undefined {
  const first = Array.isArray(config.datasets) ? config.datasets.find(isObject) : undefined;
  if (!first) return undefined;
  if (typeof first.path === 'string') return baseName(first.path.replace(/\\/g, '/'));
  return typeof first.name === 'string' && first.type !== 'file' ? first.name : undefined;
}

/** Reads the configuration of an AIPerf / GenAI-Perf export, whichever layout it has. */
export function aiperfConfig(root: JsonObject): AiperfConfig {
  const config = objectAt(root, 'input_config') ?? {};
  const base = ['input_config'];
  const endpoint = objectAt(config, 'endpoint');
  const stimulus = objectAt(config, 'perf_analyzer', 'stimulus');
  const phase = profilingPhase(config);
  const loadgen = objectAt(config, 'loadgen');
  const prompt = objectAt(config, 'input', 'prompt');
  const input = objectAt(config, 'input');

  let concurrency: ConfigValue;
  let requestRate: ConfigValue;
  if (phase) {
    const path = [...base, 'phases', 'profiling'];
    concurrency = value(phase, 'concurrency', path);
    requestRate = phase.rate !== undefined ? value(phase, 'rate', path) : value(phase, 'request_rate', path);
  } else if (loadgen) {
    concurrency = value(loadgen, 'concurrency', [...base, 'loadgen']);
    requestRate = value(loadgen, 'request_rate', [...base, 'loadgen']);
  } else if (stimulus) {
    concurrency = value(stimulus, 'concurrency', [...base, 'perf_analyzer', 'stimulus']);
    requestRate = value(stimulus, 'request_rate', [...base, 'perf_analyzer', 'stimulus']);
  } else {
    concurrency = value(config, 'concurrency', base);
    requestRate = value(config, 'request_rate', base);
  }

  const models = objectAt(config, 'models');
  const model: ConfigValue = models && Array.isArray(models.items)
    ? { value: models.items.filter(isObject).map((m) => m.name).find((n) => typeof n === 'string'), path: [...base, 'models', 'items'] }
    : endpoint && endpoint.model_names !== undefined
      ? { value: firstOf(endpoint.model_names), path: [...base, 'endpoint', 'model_names'] }
      : config.model_names !== undefined
        ? { value: firstOf(config.model_names), path: [...base, 'model_names'] }
        : { value: firstOf(config.model), path: [...base, 'model'] };

  const flat = endpoint === null;
  const endpointType = flat ? value(config, 'endpoint_type', base) : value(endpoint, 'type', [...base, 'endpoint']);
  const streaming = flat ? value(config, 'streaming', base) : value(endpoint, 'streaming', [...base, 'endpoint']);
  const serviceKind = flat ? config.service_kind : endpoint?.service_kind;
  // GenAI-Perf's --backend (tensorrtllm, vllm) only means something for the Triton service kind.
  const engine = serviceKind === 'triton'
    ? (flat ? value(config, 'backend', base) : value(endpoint, 'backend', [...base, 'endpoint']))
    : none();

  // Synthetic input lengths only apply to synthetic prompts, not to a file or dataset's own.
  const fromFile = flat && config.prompt_source !== undefined && config.prompt_source !== 'synthetic';
  const inputLen = prompt && isObject(prompt.input_tokens)
    ? value(prompt.input_tokens, 'mean', [...base, 'input', 'prompt', 'input_tokens'])
    : input && isObject(input.synthetic_tokens)
      ? value(input.synthetic_tokens, 'mean', [...base, 'input', 'synthetic_tokens'])
      : fromFile ? none() : value(config, 'synthetic_input_tokens_mean', base);
  const outputLen = prompt && isObject(prompt.output_tokens)
    ? value(prompt.output_tokens, 'mean', [...base, 'input', 'prompt', 'output_tokens'])
    : input && isObject(input.output_tokens)
      ? value(input.output_tokens, 'mean', [...base, 'input', 'output_tokens'])
      : value(config, 'output_tokens_mean', base);
  const dataset: ConfigValue = input && typeof input.public_dataset === 'string'
    ? value(input, 'public_dataset', [...base, 'input'])
    : { value: datasetEntry(config) ?? (typeof config.input_dataset === 'string' ? config.input_dataset : undefined), path: [...base, 'datasets'] };

  return {
    concurrency, requestRate, model, endpointType, streaming,
    inputLen: positive(inputLen), outputLen: positive(outputLen), dataset, engine,
    scenario: value(config, 'scenario', base),
  };
}
