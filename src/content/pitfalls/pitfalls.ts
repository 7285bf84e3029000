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
      'Many short case reports in little-known journals tell a program less about you than two or three careful projects that are clearly about IR and were closely supervised. Program directors look at what the work was and what you did in it, not only at how many items there are. In NRMP Charting Outcomes 2026 (as reported in a public summary), the unmatched non-U.S. IMGs who applied to IR listed more publications on average than the matched ones (9.7 against 3.8; about ten applicants in each group), so a count on its own decides little.',
    instead:
      'Before you agree to a project, ask yourself three questions:\n• Is it about IR, or at least about imaging?\n• Will an experienced person supervise it closely?\n• Will I learn a skill I can describe in an interview?\nIf most answers are no, put the hours into a project where they are yes.',
  },
  {
    slug: 'overclaiming-your-role',
    title: 'Stretching your role in a project',
    pitfall:
      'Interviewers who know research ask follow-up questions: why that sample, how missing data were handled, what the main limitation was. A role made bigger on paper is hard to defend under those questions, and once an interviewer doubts one line, they may doubt the rest of your application too.',
    instead:
      'Say exactly what you did, in plain words: "I extracted the data for the cohort and wrote the first draft of the Discussion" or "I ran the literature search and prepared the figures." A small role you can explain in depth, together with what you understood about the whole study, earns more trust than a large one you cannot explain.',
  },
  {
    slug: 'ignoring-ethics-and-authorship',
    title: 'Treating ethics and authorship as paperwork',
    pitfall:
      'Plagiarism, invented or altered data, or sending a manuscript to a journal without your mentor knowing can end a career before residency starts. Authorship has rules as well. Under the recommendations of the International Committee of Medical Journal Editors (ICMJE), an author must meet all four criteria: a substantial contribution to the conception or design of the work, or to the acquisition, analysis or interpretation of its data; drafting the work or revising it critically; approving the final version; and agreeing to be accountable for the integrity of the work. Contributors who meet fewer are named in the acknowledgements.',
    instead:
      "Before your first project, learn the basics of research ethics, of approval by the IRB (the institutional review board, which checks studies on patients) and of the ICMJE criteria. Ask your mentor early how authorship is usually decided in the team, and respect its customs. Tell your mentor about every submission and revision, and never use someone else's text, figures or data without permission and a proper citation.",
  },
  {
    slug: 'starting-too-late',
    title: 'Starting research a few months before applying',
    pitfall:
      'A project usually needs many months to go from an idea to an abstract, and longer still to appear in a journal. If serious research begins only a few months before you apply, there is often not enough time for papers to come out before programs read your application.',
    instead:
      'Ideally, start one to two years before the cycle you are aiming for. If you are already close to applying, choose work that can be finished quickly: case reports, educational pieces, abstracts and posters. Keep showing steady activity; a paper that is accepted after you apply can still be discussed at an interview.',
  },
  {
    slug: 'ghosting-a-project',
    title: 'Disappearing from a project',
    pitfall:
      'Exams, a new job or a loss of interest, and the replies stop. IR is a small field, and the guide warns that vanishing from a project even once can damage your reputation in it.',
    instead:
      'If you cannot continue, say so early and clearly. Hand over your data, files and notes in good order, and offer either a date by which you will finish your part or the name of someone who could take it over. Leaving a project properly makes it easier to work with the same people again.',
  },
  {
    slug: 'ongoing-limbo',
    title: 'Leaving projects "ongoing" with no end',
    pitfall:
      'Projects in progress are a good sign while they move toward a result. The problem is work that stays "ongoing" year after year and never reaches a submission: it adds only a vague line to your CV, and programs want to see that you finish what you start.',
    instead:
      'Give every project its next concrete output and a date: an abstract for the next meeting deadline, a manuscript for a named journal. When a small piece of work is already complete, ask your mentor whether it suits a short format, such as a short communication; a letter to the editor usually comments on an article a journal has published.',
  },
  {
    slug: 'in-preparation-that-is-not',
    title: 'Listing "in preparation" work nobody is writing',
    pitfall:
      'An "in preparation" entry with no draft behind it adds nothing true to your list, and it is easy to check: programs can ask you for the PDF or the PubMed link, and interviewers ask where a manuscript stands. If one entry turns out to be empty, readers start to doubt the others.',
    instead:
      'Give every entry its real status: published, in press, accepted, submitted or in preparation. Use "in preparation" only while a draft is actively being written and will probably be submitted, and be ready to show a file or a link for each line you list.',
  },
  {
    slug: 'fast-acceptance-outlets',
    title: 'Publishing wherever promises the fastest acceptance',
    pitfall:
      'When the application deadline is close, outlets that promise acceptance within days are tempting. The guide advises choosing work for IR relevance, good supervision and real learning, not for a quick acceptance. A reader who knows the field may wonder why your papers appeared where they did.',
    instead:
      'Choose each journal together with your mentor, who should approve every submission anyway. Aim for journals IR readers know, such as JVIR, CVIR, AJR or Radiology, or a reputable journal in the field the work belongs to. If you do not know a journal, ask your mentor about it before you submit.',
  },
  {
    slug: 'going-quiet-with-your-mentor',
    title: 'Going quiet with your mentor',
    pitfall:
      'Weeks go by without an update, and your mentor assumes you have moved on; the project slows down and your part in it may go to someone else. The guide names consistency as one of the main factors in whether a project ends up completed and published.',
    instead:
      'Send a short update every week: what you finished, what comes next, and what is in your way. Three lines is enough. When your current task is done, ask for the next one instead of waiting for it.',
  },
  {
    slug: 'generic-mass-outreach',
    title: 'Sending the same long email to everyone',
    pitfall:
      'A long, general message sent to dozens of faculty is easy to ignore: it shows you have not looked at their work, and it hides what you are asking for.',
    instead:
      'Keep it to four to six sentences. Say that you are an IMG, name your medical school and the year you graduated, explain why IR, add one line on any research so far, say why you chose this person (one of their recent papers), and make a small request, such as remote chart review, data analysis or a project based on the literature. Attach a CV of one or two pages. Few people reply, so writing to 30 to 50 faculty at several institutions, with a polite follow-up, is normal.',
  },
  {
    slug: 'scattered-projects',
    title: 'Collecting unrelated projects with no direction',
    pitfall:
      'A random spread of projects across specialties, with no movement toward IR, tells program directors nothing about where you are heading. They look for consistent effort and a trajectory toward the specialty.',
    instead:
      'Early work outside IR is fine; bring each new project a little closer. Go from any clinical project to projects with a lot of imaging, then to work with diagnostic radiology (DR) or IR faculty, then to IR outcomes such as chemoembolization (TACE), uterine fibroid embolization (UFE), ablation or thrombectomy. Be able to explain that path in one or two sentences.',
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
      'You want to make a good impression, so you promise a full draft by Friday while working a full-time job. When such a date is missed, your mentor trusts your dates less. An honest, later date would have kept that trust.',
    instead:
      'Estimate honestly and leave room for your other commitments. Split the work into weekly goals you can check off, such as extracting data for 20 patients or finishing the Methods draft, and tell your mentor early when a date is slipping.',
  },
  {
    slug: 'cannot-discuss-your-research',
    title: 'Not being ready to talk about your own research',
    pitfall:
      'Interviewers ask about your favourite project, your exact role in a publication, and how research shaped your choice of IR. A project you list but cannot explain well in person adds little, and it can even count against you.',
    instead:
      'Prepare two or three short stories: a difficult project (data collection, an IRB hurdle, a tough revision), an IR study that changed how you see a procedure or its outcomes, and a project that failed and the lesson you drew from it. In each, describe your own actions, how you worked with the IR team, and what you learned about the specialty.',
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
