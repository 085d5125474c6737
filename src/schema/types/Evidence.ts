import { builder } from '../builder.js';
import { EvidenceRef, MentionRef, SourceRef } from '../refs.js';
import { required } from '../resolvers/nodes.js';

EvidenceRef.implement({
  description: 'Where in a source a statement or mention is found: character offsets into Source.text.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The source whose text the offsets point into.',
      resolve: async (e, _args, ctx) =>
        required(await ctx.loaders.sourceByKey.load(e.sourceKey), e.sourceKey),
    }),
    start: t.exposeInt('start', { description: 'Inclusive, UTF-16 code unit offset into source.text.' }),
    end: t.exposeInt('end', { description: 'Exclusive.' }),
    excerpt: t.string({
      description: 'Exactly source.text.slice(start, end).',
      resolve: async (e, _args, ctx) =>
        (await ctx.loaders.sourceByKey.load(e.sourceKey))?.text.slice(e.start, e.end) ?? '',
    }),
  }),
});

export const EvidenceInput = builder.inputType('EvidenceInput', {
  description:
    'Either exact offsets, or a quote that occurs exactly once in the source text (offsets are then derived).',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Key of the source.' }),
    start: t.int({
      description: 'First character: UTF-16 code-unit offset into the source text (inclusive).',
    }),
    end: t.int({
      description: 'End: UTF-16 code-unit offset (exclusive), after start and at most the text length.',
    }),
    quote: t.string({
      description:
        'Text that occurs exactly once in the source, instead of offsets (start and end, if also given, must match it).',
    }),
  }),
});

MentionRef.implement({
  description: 'One place where a source mentions an entity.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The source that mentions it.',
      resolve: (m) => m.source,
    }),
    evidence: t.field({
      type: EvidenceRef,
      description: 'The characters of the source text that name it.',
      resolve: (m) => m.evidence,
    }),
  }),
});
