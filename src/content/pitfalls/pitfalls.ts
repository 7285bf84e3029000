import type { Pitfall } from '../../pitfalls/pitfall.ts';

/**
 * The pitfall reminders, in rotation order. Facts follow the guide
 * (shared/seed/ir-research-profile-guide.txt) and domain-facts.md; the wording is the project's own.
 * Appending is safe; reordering shifts where every guild and member is in the rotation.
 */
export const PITFALLS: readonly Pitfall[] = [
  {
    slug: 'quantity-over-meaning',
    title: 'Counting papers instead of building something that matters',
    pitfall:
      'A pile of thin case reports in journals nobody in IR reads says less about you than two or three solid projects with a clear IR link and a mentor who actually taught you something. Program directors look at what the work was and what you did in it, not only at the tally. In the NRMP Charting Outcomes report for 2026, the few unmatched non-U.S. IMG applicants to IR listed more publications on average than the matched ones (9.7 against 3.8; samples of about ten each), so a count alone decides little.',
    instead:
      'Before saying yes to a project, ask three questions:\n• Is it about IR, or at least imaging?\n• Will an experienced person supervise it closely?\n• Will I learn a skill I can talk about in an interview?\nIf the answer is no to most of them, spend the hours on a project where it is yes.',
  },
  {
    slug: 'overclaiming-your-role',
    title: 'Stretching your role in a project',
    pitfall:
      'Interviewers who know research ask follow-up questions: why that sample, how missing data were handled, what the main limitation was. A role inflated on paper collapses within two questions, and the doubt then spreads to every other line of your application.',
    instead:
      'Describe exactly what you did, in plain words: "I extracted the data for the cohort and wrote the first draft of the Discussion" or "I ran the literature search and prepared the figures." A modest role you can explain in depth, including what you understood about the whole study, earns more trust than a large one you cannot defend.',
  },
  {
    slug: 'ignoring-ethics-and-authorship',
    title: 'Treating ethics and authorship as paperwork',
    pitfall:
      'Plagiarism, made-up or adjusted data, or sending a manuscript to a journal without your mentor knowing can end a career before residency starts. Authorship has rules too. Under the ICMJE recommendations an author must meet all four criteria: a substantial contribution to the design, or to acquiring or interpreting the data; drafting the work or revising it critically; approving the final version; and agreeing to be accountable for the integrity of the work. Contributors who meet fewer belong in the acknowledgements.',
    instead:
      'Learn the basics of research ethics, IRB approval and the ICMJE criteria before your first project. Agree on who will be an author, and in what order, at the start. Keep your mentor informed of every submission and revision, and never reuse text, figures or data without permission and a proper citation.',
  },
  {
    slug: 'starting-too-late',
    title: 'Starting research a few months before applying',
    pitfall:
      'A project takes many months to go from idea to abstract, and longer to reach print. Members who begin serious research only a few months before ERAS opens usually have nothing finished to show, and no time left to fix that.',
    instead:
      'Start one to two years before the cycle you are aiming for. If you are already close to applying, choose work that finishes quickly: case reports, educational pieces, abstracts and posters. Show steady momentum; a paper accepted after you submit your application can still come up in an interview.',
  },
  {
    slug: 'ghosting-a-project',
    title: 'Disappearing from a project',
    pitfall:
      'Exams, a new job or plain loss of interest, and the replies stop. IR is a small field where faculty know each other, so one vanished collaborator is remembered, and the letter of recommendation that project could have given you is gone with it.',
    instead:
      'If you cannot continue, say so early and directly. Hand over your data, files and notes in good order, and offer a date by which you will finish your part or the name of someone who could take over. Leaving cleanly keeps the door open for later.',
  },
  {
    slug: 'ongoing-limbo',
    title: 'Leaving projects "ongoing" for ever',
    pitfall:
      'Work that never reaches a submission leaves nothing on your CV but a vague line, and programs want to see that you finish what you start. A year of "ongoing" projects reads as a year without output.',
    instead:
      'Give every project its next concrete output and a date: an abstract for the next meeting deadline, a manuscript to a named journal. When a full paper stalls, turn what is done into something smaller that can still be submitted, such as a short communication or a letter to the editor.',
  },
  {
    slug: 'in-preparation-that-is-not',
    title: 'Listing "in preparation" work nobody is writing',
    pitfall:
      'An "in preparation" entry with no draft behind it is padding, and it is easy to expose: programs may ask for PDFs or PubMed links, and interviewers ask where a manuscript stands. One entry that does not hold up makes the rest of the list look doubtful.',
    instead:
      'Give every entry its true status: published, in press, accepted, submitted or in preparation. Use "in preparation" only while a draft is actively being written and is likely to be submitted, and be ready to show a file or a link for each line you list.',
  },
  {
    slug: 'fast-acceptance-outlets',
    title: 'Publishing wherever promises the fastest acceptance',
    pitfall:
      'Outlets that promise acceptance within days, usually for a fee and with little real peer review, are tempting when the deadline is close. A list full of them looks like padding to a reader who knows the field, and it can raise questions about your judgment.',
    instead:
      'Pick the journal together with your mentor. Aim for journals IR readers know, such as JVIR, CVIR, AJR or Radiology, or a reputable journal in the field the work belongs to. Treat unsolicited invitations to submit, and any guarantee of quick acceptance, as a warning sign.',
  },
  {
    slug: 'going-quiet-with-your-mentor',
    title: 'Going quiet with your mentor',
    pitfall:
      'Weeks pass without an update and your mentor assumes you have moved on; the project drifts and your place in it goes to someone else. Steady, regular work is one of the best predictors of whether a project is ever finished and published.',
    instead:
      'Send a short update every week: what you finished, what comes next, and what is blocking you. Three lines is enough. When your current task is done, ask for the next one instead of waiting to be given it.',
  },
  {
    slug: 'generic-mass-outreach',
    title: 'Sending the same long email to everyone',
    pitfall:
      'A long, generic message pasted to dozens of faculty gets deleted unread: it shows you have not looked at their work and makes it hard to see what you are asking for.',
    instead:
      'Write four to six sentences: who you are (IMG, school, graduation year), your interest in IR, one line on any research so far, why this person (a recent paper of theirs), and a modest ask such as remote chart review, data analysis or a literature-based project. Attach a CV of one or two pages. Replies are rare, so contacting 30 to 50 faculty at several institutions, with a polite follow-up, is normal.',
  },
  {
    slug: 'scattered-projects',
    title: 'Collecting unrelated projects with no direction',
    pitfall:
      'A random spread of projects across specialties, with no movement toward IR, tells program directors nothing about where you are heading. They look for consistent effort and a trajectory toward the specialty.',
    instead:
      'Early work outside IR is fine; steer each new project a little closer. Move from any clinical project to imaging-heavy ones, then to work with DR or IR faculty, then to IR outcomes such as TACE, UFE, ablation or thrombectomy. Be able to explain that path in one or two sentences.',
  },
  {
    slug: 'stuck-at-data-entry',
    title: 'Staying at data entry the whole time',
    pitfall:
      'Chart review and spreadsheets are a fine way in, but years spent only on them show no growth. Program directors want to see that you took on more responsibility as your skills grew.',
    instead:
      'Ask for the next rung once you are reliable at the current one: drafting parts of the Introduction or Discussion, making tables and imaging figures, helping with the IRB application and abstract submissions. Later, aim to shape a project idea with your mentor, lead the analysis, write as first author and present at a national meeting.',
  },
  {
    slug: 'overpromising-deadlines',
    title: 'Promising deadlines you cannot meet',
    pitfall:
      'Keen to impress, you promise a full draft by Friday on top of a full-time job. Missed deadlines wear away the reliability your mentor relies on far more than an honest, later date would have.',
    instead:
      'Estimate honestly and leave room for your other commitments. Break the work into weekly goals you can check off, such as extracting data for 20 patients or finishing the Methods draft, and warn your mentor early when a date is slipping.',
  },
  {
    slug: 'cannot-discuss-your-research',
    title: 'Not being ready to talk about your own research',
    pitfall:
      'Interviewers ask about your favourite project, your exact role in a publication, and how research shaped your choice of IR. Projects listed on the application but not explained well in person add little, or count against you.',
    instead:
      'Prepare two or three short stories: a difficult project (data collection, an IRB hurdle, a tough revision), an IR study that changed how you see a procedure or its outcomes, and a project that failed and what it taught you. In each, put your own actions, the teamwork with the IR team, and what it taught you about the specialty.',
  },
  {
    slug: 'waiting-for-the-perfect-ir-project',
    title: 'Waiting for the perfect IR project',
    pitfall:
      'Turning down all research until an IR project comes along means months with nothing to show. Programs know many IMGs have no IR department at hand; what they notice is a gap.',
    instead:
      'Start with the research you can reach now: any well-run clinical study, an imaging project or a quality improvement project all count. Meanwhile build IR contacts through remote collaborations, observerships or a research fellowship, and move toward IR with each new project.',
  },
  {
    slug: 'burying-your-ir-work',
    title: 'Hiding your IR work in a long list',
    pitfall:
      'When IR papers sit in the middle of an unordered publication list with vague titles, a reader skimming your application can miss the very thing you want them to see.',
    instead:
      'Put IR-related papers and case reports first, use one consistent citation style, and mark whether you were first author or co-author. Give research experiences descriptive titles, such as "Outcomes research in interventional oncology", and list national meetings such as SIR, RSNA and CIRSE along with regional ones.',
  },
];
