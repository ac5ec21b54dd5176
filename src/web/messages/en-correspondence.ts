import type { idCorrespondence } from './id-correspondence.ts';

/** The English words of issue 13's correspondence. */
export const enCorrespondence: Record<keyof typeof idCorrespondence, string> = {
  'out.type': 'Letter type',
  'out.typeFields': '{type} details',
  'out.assignees': 'People assigned',
  'out.assigneesHint': 'One person per line: Name; NIP; Position (NIP and position may be left out)',
  'out.addressees': 'To (Yth.)',
  'out.copies': 'Copies (tembusan)',
  'out.replyingTo': 'This draft answers',
  'out.theLetterAnswered': 'the incoming letter answered',
  'out.deliveries': 'Delivered to the registers of',
  'delivery.addressee': 'as addressee',
  'delivery.copy': 'copy, for information',
  'party.none': 'None chosen yet.',
  'party.unit': 'A unit of this office',
  'party.chooseUnit': '— choose a unit —',
  'party.addUnit': 'Add unit',
  'party.search': 'Search the contact book or type a body’s name',
  'party.searchHint': 'Type the start of a name; pick from the list below, or add it as a new name',
  'party.addName': 'Add this name',
  'party.pick': 'Choose {name}',
  'incoming.forInformation': 'Copy (for information).',
  'incoming.fromOutgoing': 'The outgoing letter it came from in this office',
  'incoming.replies': 'Replies',
  'incoming.noReplies': 'No reply yet.',
  'incoming.reply': 'Draft a reply',
};
