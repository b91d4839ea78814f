/**
 * Neutral `Modal` ↔ Slack modal view. The view carries the core's modal id in its
 * callback id and, in `private_metadata`, the modal's value plus where it was opened
 * (a view submission says nothing about the channel it came from).
 */
import type { webApi } from '@slack/bolt';
import type { Modal } from '../../src/core/message.js';
import { truncatePlain } from './split.js';

/** Prefix of the callback ids of this app's modals. */
export const MODAL_PREFIX = 'ab-modal:';
/** The one input element inside each input block; the block id is the field id. */
const INPUT_ACTION = 'value';

/** The conversation a form was opened from, where its answer goes. */
export interface ModalOrigin {
  readonly channelId: string;
  readonly threadTs?: string;
}

type View = webApi.ViewsOpenArguments['view'];

/** A neutral form as a Slack modal view (one plain-text input per field). */
export function renderModal(modal: Modal, origin: ModalOrigin): View {
  return {
    type: 'modal',
    callback_id: `${MODAL_PREFIX}${modal.id}`,
    private_metadata: JSON.stringify({ v: modal.value, c: origin.channelId, t: origin.threadTs }),
    title: { type: 'plain_text', text: truncatePlain(modal.title, 24) },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: modal.fields.map((field) => ({
      type: 'input',
      block_id: field.id,
      optional: !field.required,
      label: { type: 'plain_text', text: truncatePlain(field.label, 2000) },
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: field.style === 'paragraph',
        max_length: field.maxLength,
      },
    })),
  };
}

/** A submitted form, back in the core's terms. */
export interface Submission {
  readonly modal: string;
  readonly value: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly origin: ModalOrigin;
}

interface SubmittedView {
  readonly callback_id: string;
  readonly private_metadata: string;
  readonly state: { readonly values: Record<string, Record<string, { readonly value?: string | null }>> };
}

/** Reads a view_submission's view back into the core's modal id, value and fields. */
export function readSubmission(view: SubmittedView): Submission {
  const meta = parseMetadata(view.private_metadata);
  const fields: Record<string, string> = {};
  for (const [blockId, inputs] of Object.entries(view.state.values)) {
    fields[blockId] = inputs[INPUT_ACTION]?.value ?? '';
  }
  return {
    modal: view.callback_id.slice(MODAL_PREFIX.length),
    value: meta.v,
    fields,
    origin: { channelId: meta.c, ...(meta.t ? { threadTs: meta.t } : {}) },
  };
}

function parseMetadata(text: string): { v: string; c: string; t?: string } {
  try {
    const parsed = JSON.parse(text) as { v?: unknown; c?: unknown; t?: unknown };
    return {
      v: typeof parsed.v === 'string' ? parsed.v : '',
      c: typeof parsed.c === 'string' ? parsed.c : '',
      ...(typeof parsed.t === 'string' ? { t: parsed.t } : {}),
    };
  } catch {
    return { v: '', c: '' };
  }
}
