//! Table-driven tests of time expressions: one row per expression, written from the TimeML
//! guidelines and news phrasing (not from the TempEval corpus).
//!
//! Each row: `anchor | sentence | expected span | TYPE | value`. The anchor is the
//! publication date (`-` for none). An empty span means the sentence has no time expression.
//! Only the expression overlapping the expected span is checked, so a row tests one thing.

use dateline_engine::calendar::CalendarDate;
use dateline_engine::normalize::Frame;
use dateline_engine::{segment, times, Context, Time};

const CASES: &str = "\
2021-06-29 | The attack took place on June 29, 2021. | June 29, 2021 | DATE | 2021-06-29
2021-06-29 | The Pentagon building is seen in Arlington, Va., on Oct. 9, 2020. | Oct. 9, 2020 | DATE | 2020-10-09
2021-06-29 | The treaty was signed on 29 June 2021 in Geneva. | 29 June 2021 | DATE | 2021-06-29
2021-06-29 | Talks resumed on Sept. 3, 2019, in Doha. | Sept. 3, 2019 | DATE | 2019-09-03
2021-06-29 | She was born on December 25, 1990. | December 25, 1990 | DATE | 1990-12-25
2021-06-29 | The law took effect Jan. 1, 2020. | Jan. 1, 2020 | DATE | 2020-01-01
2021-06-29 | The vote was held on the 4th of July 2020. | the 4th of July 2020 | DATE | 2020-07-04
2021-06-29 | He died on Feb. 29, 2020, in Paris. | Feb. 29, 2020 | DATE | 2020-02-29
2021-06-29 | The ceasefire began on Aug. 14, 2006. | Aug. 14, 2006 | DATE | 2006-08-14
2021-06-29 | Elections were held on November 3, 2020. | November 3, 2020 | DATE | 2020-11-03
2021-06-29 | The report, dated 2021-06-15, was leaked. | 2021-06-15 | DATE | 2021-06-15
2021-06-29 | Posted 6/29/2021 by the newsroom. | 6/29/2021 | DATE | 2021-06-29
2021-06-29 | The contract expires 12/31/2022. | 12/31/2022 | DATE | 2022-12-31
2021-06-29 | The memo was dated 3/4/21. | 3/4/21 | DATE | 2021-03-04
2021-06-29 | Photographs dated 29/6/2021 show the damage. | 29/6/2021 | DATE | 2021-06-29
2021-06-29 | Protests erupted in March 2011 across Syria. | March 2011 | DATE | 2011-03
2021-06-29 | The war ended in May 1945. | May 1945 | DATE | 1945-05
2021-06-29 | Prices peaked in October of 2008. | October of 2008 | DATE | 2008-10
2021-06-29 | The company was founded in January 1998. | January 1998 | DATE | 1998-01
2021-06-29 | The militia was formed in 2014. | 2014 | DATE | 2014
2021-06-29 | Troops have been stationed there since 2015. | 2015 | DATE | 2015
2021-06-29 | The base was built before 2003 and expanded later. | 2003 | DATE | 2003
2021-06-29 | Casualties rose sharply during 2016. | 2016 | DATE | 2016
2021-06-29 | In 1990, Iraq invaded Kuwait. | 1990 | DATE | 1990
2021-06-29 | The accord expires at the end of 2025. | the end of 2025 | DATE | 2025
2021-06-29 | Construction should finish by mid-2023. | mid-2023 | DATE | 2023
2021-06-29 | He served in the army in the 1990s. | the 1990s | DATE | 199
2021-06-29 | The region prospered in the 1960s. | the 1960s | DATE | 196
2021-06-29 | Such weapons were common in the '80s. | the '80s | DATE | 198
2021-06-29 | The movement began in the nineties. | the nineties | DATE | 199
2021-06-29 | The city grew in the mid-1970s. | the mid-1970s | DATE | 197
2021-06-29 | The fortress dates from the 12th century. | the 12th century | DATE | 11
2021-06-29 | It was the bloodiest conflict of the 20th century. | the 20th century | DATE | 19
2021-06-29 | They came to power in the fiscal 2019 budget cycle. | fiscal 2019 | DATE | 2019
2021-06-29 | The hearing is set for Monday, July 12, 2021. | Monday, July 12, 2021 | DATE | 2021-07-12
2021-06-29 | Tuesday, June 29, 2021 10:30 AM EDT | Tuesday, June 29, 2021 | DATE | 2021-06-29
2021-06-29 | Militants attacked the convoy on June 20. | June 20 | DATE | 2021-06-20
2021-06-29 | The summit will be held on July 15. | July 15 | DATE | 2021-07-15
2021-06-29 | The deadline is Aug. 31. | Aug. 31 | DATE | 2021-08-31
2021-06-29 | The strike on Jan. 3 killed a general. | Jan. 3 | DATE | 2021-01-03
2021-06-29 | He was arrested Dec. 12 and charged. | Dec. 12 | DATE | 2020-12-12
2021-06-29 | The agency said on June 28 that it had evidence. | June 28 | DATE | 2021-06-28
2021-06-29 | The ban takes effect Sept. 1. | Sept. 1 | DATE | 2021-09-01
2021-06-29 | The vote is scheduled for the 15th of July. | the 15th of July | DATE | 2021-07-15
2021-06-29 | Police said the shooting happened May 30. | May 30 | DATE | 2021-05-30
2021-06-29 | Investors will meet again on Nov. 2. | Nov. 2 | DATE | 2021-11-02
2021-06-29 | The camp was shelled in April. | April | DATE | 2021-04
2021-06-29 | Parliament will debate the bill in September. | September | DATE | 2021-09
2021-06-29 | The offensive began in February. | February | DATE | 2021-02
2021-06-29 | Elections were held in December. | December | DATE | 2020-12
2021-06-29 | The ministers met in May to discuss the plan. | May | DATE | 2021-05
2021-06-29 | The talks will resume in March. | March | DATE | 2022-03
2021-06-29 | Fighting intensified in early June. | early June | DATE | 2021-06
2021-06-29 | The results are expected in late July. | late July | DATE | 2021-07
2021-06-29 | Prices fell in mid-May. | mid-May | DATE | 2021-05
2021-06-29 | Aid arrived last January. | last January | DATE | 2021-01
2021-06-29 | Troops left last August. | last August | DATE | 2020-08
2023-06-07 | On January 6, 2021, rioters stormed the Capitol; the Jan. 6 committee met later. | Jan. 6 | DATE | 2021-01-06
2023-06-07 | Security was tightened after the 9/11 attacks. | 9/11 | DATE | 2001-09-11
2023-06-07 | Clinics stayed open 24/7 during the outbreak. |  |  | 
2023-06-07 | Revenue rose 4% in Q3 2023, the company said. | Q3 2023 | DATE | 2023-Q3
2023-06-07 | Margins should widen in H1 2024. | H1 2024 | DATE | 2024-H1
2023-06-07 | The H1N1 virus spread through the region. |  |  | 
2023-06-07 | The summit runs June 9-11 in Vilnius. | June 9-11 | DATE | 2023-06-09
2023-06-07 | The blast happened at 8:45pm, police said. | 8:45pm | TIME | 2023-06-07T20:45
2023-06-07 | The match kicks off at 8pm on Saturday. | Saturday | DATE | 2023-06-10
2023-06-07 | The festival runs from Thursday to Sunday. | Sunday | DATE | 2023-06-11
2023-06-07 | The strike lasted from Monday to Friday. | Monday | DATE | 2023-05-29
2023-06-07 | The strike lasted from Monday to Friday. | Friday | DATE | 2023-06-02
2023-06-07 | Offices close between Monday and Wednesday. | Wednesday | DATE | 2023-06-07
2023-06-07 | The minister visits Kyiv on Monday, officials said. | Monday | DATE | 2023-06-12
2023-06-07 | Officials said the summit that opened on Monday ended without a deal. | Monday | DATE | 2023-06-05
2023-06-07 | The curfew starts at 9PM local time. | 9PM local time | TIME | 2023-06-07T21:00
2023-06-07 | The event is scheduled for 2023-07-15T18:00 in Vilnius. | 2023-07-15T18:00 | TIME | 2023-07-15T18:00
1998-03-01 | Two helicopters crashed last February. | last February | DATE | 1997-02
2021-06-29 | Talks began last April. | last April | DATE | 2021-04
1999-04-19 | The doctor was shot to death last Oct. 23 at his home. | last Oct. 23 | DATE | 1998-10-23
2021-06-29 | The fire started last June 12 and burned for days. | last June 12 | DATE | 2021-06-12
2021-06-29 | The vote is set for next March 3. | next March 3 | DATE | 2022-03-03
2021-06-29 | The treaty will be signed next March. | next March | DATE | 2022-03
2021-06-29 | They plan to vote this September. | this September | DATE | 2021-09
2021-06-29 | Rebels shelled the town on Monday. | Monday | DATE | 2021-06-28
2021-06-29 | The ministers will meet on Monday. | Monday | DATE | 2021-07-05
2021-06-29 | Officials said Monday that the talks had failed. | Monday | DATE | 2021-06-28
2021-06-29 | Delegates are scheduled to arrive Monday. | Monday | DATE | 2021-07-05
2021-06-29 | Rebels shelled the town on Tuesday. | Tuesday | DATE | 2021-06-29
2021-06-29 | The ministers will meet on Tuesday. | Tuesday | DATE | 2021-06-29
2021-06-29 | Officials said Tuesday that the talks had failed. | Tuesday | DATE | 2021-06-29
2021-06-29 | Delegates are scheduled to arrive Tuesday. | Tuesday | DATE | 2021-06-29
2021-06-29 | Rebels shelled the town on Wednesday. | Wednesday | DATE | 2021-06-23
2021-06-29 | The ministers will meet on Wednesday. | Wednesday | DATE | 2021-06-30
2021-06-29 | Officials said Wednesday that the talks had failed. | Wednesday | DATE | 2021-06-23
2021-06-29 | Delegates are scheduled to arrive Wednesday. | Wednesday | DATE | 2021-06-30
2021-06-29 | Rebels shelled the town on Thursday. | Thursday | DATE | 2021-06-24
2021-06-29 | The ministers will meet on Thursday. | Thursday | DATE | 2021-07-01
2021-06-29 | Officials said Thursday that the talks had failed. | Thursday | DATE | 2021-06-24
2021-06-29 | Delegates are scheduled to arrive Thursday. | Thursday | DATE | 2021-07-01
2021-06-29 | Rebels shelled the town on Friday. | Friday | DATE | 2021-06-25
2021-06-29 | The ministers will meet on Friday. | Friday | DATE | 2021-07-02
2021-06-29 | Officials said Friday that the talks had failed. | Friday | DATE | 2021-06-25
2021-06-29 | Delegates are scheduled to arrive Friday. | Friday | DATE | 2021-07-02
2021-06-29 | Rebels shelled the town on Saturday. | Saturday | DATE | 2021-06-26
2021-06-29 | The ministers will meet on Saturday. | Saturday | DATE | 2021-07-03
2021-06-29 | Officials said Saturday that the talks had failed. | Saturday | DATE | 2021-06-26
2021-06-29 | Delegates are scheduled to arrive Saturday. | Saturday | DATE | 2021-07-03
2021-06-29 | Rebels shelled the town on Sunday. | Sunday | DATE | 2021-06-27
2021-06-29 | The ministers will meet on Sunday. | Sunday | DATE | 2021-07-04
2021-06-29 | Officials said Sunday that the talks had failed. | Sunday | DATE | 2021-06-27
2021-06-29 | Delegates are scheduled to arrive Sunday. | Sunday | DATE | 2021-07-04
2021-06-29 | The embassy was attacked last Monday. | last Monday | DATE | 2021-06-28
2021-06-29 | The embassy was attacked last Friday. | last Friday | DATE | 2021-06-25
2021-06-29 | The embassy was attacked last Sunday. | last Sunday | DATE | 2021-06-27
2021-06-29 | The embassy was attacked last Tuesday. | last Tuesday | DATE | 2021-06-22
2021-06-29 | The vote is due next Monday. | next Monday | DATE | 2021-07-05
2021-06-29 | The vote is due next Friday. | next Friday | DATE | 2021-07-02
2021-06-29 | The vote is due next Tuesday. | next Tuesday | DATE | 2021-07-06
2021-06-29 | U.S. troops came under rocket fire on Monday night. | Monday night | TIME | 2021-06-28TNI
2021-06-29 | The drone struck on Sunday morning. | Sunday morning | TIME | 2021-06-27TMO
2021-06-29 | The protest ended Saturday afternoon. | Saturday afternoon | TIME | 2021-06-26TAF
2021-06-29 | The rally was held Friday evening. | Friday evening | TIME | 2021-06-25TEV
2021-06-29 | Leaders will speak Thursday night. | Thursday night | TIME | 2021-07-01TNI
2021-06-29 | The blast occurred early Monday. | early Monday | DATE | 2021-06-28
2021-06-29 | The ship docked late Sunday. | late Sunday | DATE | 2021-06-27
2021-06-29 | Biden on Monday defended the airstrikes. | Monday | DATE | 2021-06-28
2021-06-29 | The Pentagon said in a statement on Sunday that the strikes were defensive. | Sunday | DATE | 2021-06-27
2021-06-29 | The department stated Sunday that several groups use the facilities. | Sunday | DATE | 2021-06-27
2021-06-29 | The market is closed on Fridays. | Fridays | SET | XXXX-WXX-5
2021-06-29 | The council meets on Tuesday nights. | Tuesday nights | SET | XXXX-WXX-2TNI
2021-06-29 | Rockets hit the base yesterday. | yesterday | DATE | 2021-06-28
2021-06-29 | The minister resigned today. | today | DATE | 2021-06-29
2021-06-29 | The court will rule tomorrow. | tomorrow | DATE | 2021-06-30
2021-06-29 | The president will address the nation tonight. | tonight | TIME | 2021-06-29TNI
2021-06-29 | Gunfire was heard last night in the capital. | last night | TIME | 2021-06-28TNI
2021-06-29 | The minister arrived this morning. | this morning | TIME | 2021-06-29TMO
2021-06-29 | A decision is expected this afternoon. | this afternoon | TIME | 2021-06-29TAF
2021-06-29 | The vigil will be held this evening. | this evening | TIME | 2021-06-29TEV
2021-06-29 | The strike happened yesterday morning. | yesterday morning | TIME | 2021-06-28TMO
2021-06-29 | Talks resume tomorrow night. | tomorrow night | TIME | 2021-06-30TNI
2021-06-29 | The bill passed late yesterday. | late yesterday | DATE | 2021-06-28
2021-06-29 | He spoke earlier today. | earlier today | DATE | 2021-06-29
2021-06-29 | The ship sank the day before yesterday. | the day before yesterday | DATE | 2021-06-27
2021-06-29 | Results come the day after tomorrow. | the day after tomorrow | DATE | 2021-07-01
2021-06-29 | Militants attacked a convoy last week. | last week | DATE | 2021-W25
2021-06-29 | The envoy arrives this week. | this week | DATE | 2021-W26
2021-06-29 | Negotiators meet next week. | next week | DATE | 2021-W27
2021-06-29 | The ban was lifted last month. | last month | DATE | 2021-05
2021-06-29 | Inflation rose this month. | this month | DATE | 2021-06
2021-06-29 | Voting begins next month. | next month | DATE | 2021-07
2021-06-29 | The company lost money last year. | last year | DATE | 2020
2021-06-29 | Growth will slow this year. | this year | DATE | 2021
2021-06-29 | Troops will withdraw next year. | next year | DATE | 2022
2021-06-29 | Prices climbed earlier this month. | earlier this month | DATE | 2021-06
2021-06-29 | The report comes out later this year. | later this year | DATE | 2021
2021-06-29 | The plant opened earlier this week. | earlier this week | DATE | 2021-W26
2021-06-29 | The project starts early next year. | early next year | DATE | 2022
2021-06-29 | The deal collapsed late last year. | late last year | DATE | 2020
2021-06-29 | The camp was cleared last weekend. | last weekend | DATE | 2021-W25-WE
2021-06-29 | Protests are planned this weekend. | this weekend | DATE | 2021-W26-WE
2021-06-29 | The strikes happened over the weekend. | the weekend | DATE | 2021-W25-WE
2021-06-29 | The festival returns next summer. | next summer | DATE | 2022-SU
2021-06-29 | Floods hit the region last winter. | last winter | DATE | 2020-WI
2021-06-29 | The offensive could start this fall. | this fall | DATE | 2021-FA
2021-06-29 | Fighting resumed in the spring. | the spring | DATE | 2021-SP
2021-06-29 | The talks collapsed in the summer of 2019. | the summer of 2019 | DATE | 2019-SU
2021-06-29 | The dam was finished in spring 2018. | spring 2018 | DATE | 2018-SP
2021-06-29 | Sales will rise in the third quarter. | the third quarter | DATE | 2021-Q3
2021-06-29 | Sales fell in the third quarter. | the third quarter | DATE | 2020-Q3
2021-06-29 | Third-quarter profit rose. | Third-quarter | DATE | 2020-Q3
2021-06-29 | Revenue grew in the first quarter of 2020. | the first quarter of 2020 | DATE | 2020-Q1
2021-06-29 | Profit doubled in the second half. | the second half | DATE | 2020-H2
2021-06-29 | The index hit a record last decade. | last decade | DATE | 201
2021-06-29 | The reforms were passed this century. | this century | DATE | 20
2021-06-29 | The group was founded two years ago. | two years ago | DATE | 2019
2021-06-29 | The bridge collapsed three days ago. | three days ago | DATE | 2021-06-26
2021-06-29 | He took office six months ago. | six months ago | DATE | 2020-12
2021-06-29 | The accord was signed a decade ago. | a decade ago | DATE | 201
2021-06-29 | The first case appeared two weeks ago. | two weeks ago | DATE | 2021-W24
2021-06-29 | The war started nearly four years ago. | nearly four years ago | DATE | 2017
2021-06-29 | The city fell 10 years ago. | 10 years ago | DATE | 2011
2021-06-29 | The mine opened a century ago. | a century ago | DATE | 19
2021-06-29 | Years ago, the town was prosperous. | Years ago | DATE | PAST_REF
2021-06-29 | The plant will close five years from now. | five years from now | DATE | 2026
2021-06-29 | The region was calm a year ago. | a year ago | DATE | 2020
2021-06-29 | He returned in June 2019 and left two days later. | two days later | DATE | 2019-06
2021-06-29 | Fighting broke out on June 20; a day later the UN met. | a day later | DATE | 2021-06-21
2021-06-29 | The bombing took place on March 3, 2021. The following day, troops withdrew. | The following day | DATE | 2021-03-04
2021-06-29 | The convoy left on June 20, 2021. The next day it was ambushed. | The next day | DATE | 2021-06-21
2021-06-29 | Police raided the house on May 2, 2021. That night, protesters gathered. | That night | TIME | 2021-05-02TNI
2021-06-29 | The shelling began on April 8, 2021. Later that day, civilians fled. | Later that day | DATE | 2021-04-08
2021-06-29 | He was arrested on Jan. 5, 2021, and released the same day. | the same day | DATE | 2021-01-05
2021-06-29 | Voters went to the polls on Nov. 3, 2020. The previous day, the candidates rallied. | The previous day | DATE | 2020-11-02
2021-06-29 | The mine opened in June 1998 and closed later that year. | later that year | DATE | 1998
2021-06-29 | The fire started on Aug. 1, 2021. The next morning the city was covered in smoke. | The next morning | TIME | 2021-08-02TMO
2021-06-29 | The blast happened at 10:30 a.m. EDT. | 10:30 a.m. EDT | TIME | 2021-06-29T10:30
2021-06-29 | The curfew begins at 9 p.m. | 9 p.m. | TIME | 2021-06-29T21:00
2021-06-29 | The rockets landed at 7:45 p.m. local time. | 7:45 p.m. local time | TIME | 2021-06-29T19:45
2021-06-29 | The meeting ends at noon. | noon | TIME | 2021-06-29T12:00
2021-06-29 | The ceasefire starts at midnight. | midnight | TIME | 2021-06-29T24:00
2021-06-29 | The offer will expire at 5 p.m. EST Friday. | 5 p.m. EST Friday | TIME | 2021-07-02T17:00
2021-06-29 | The first shots were fired at 0400 GMT. | 0400 GMT | TIME | 2021-06-29T04:00
2021-06-29 | The market opens at 9:30 a.m. | 9:30 a.m. | TIME | 2021-06-29T09:30
2021-06-29 | The vote closed at 8 PM ET. | 8 PM ET | TIME | 2021-06-29T20:00
2021-06-29 | The blast was heard at 3 o'clock. | 3 o'clock | TIME | 2021-06-29T03:00
2021-06-29 | The fighting stopped at 12 a.m. | 12 a.m. | TIME | 2021-06-29T00:00
2021-06-29 | The session resumed at 12:15 p.m. | 12:15 p.m. | TIME | 2021-06-29T12:15
2021-06-29 | The offer runs until 11:59 p.m. on Friday. | 11:59 p.m. | TIME | 2021-07-02T23:59
2021-06-29 | The offer runs until 11:59 p.m. on Friday. | Friday | DATE | 2021-07-02
2021-06-29 | Members had filed their reports by Wednesday. | Wednesday | DATE | 2021-06-23
2021-06-29 | The plane landed at noon Thursday. | noon Thursday | TIME | 2021-06-24T12:00
2021-06-29 | He was seen at 6 a.m. yesterday. | 6 a.m. yesterday | TIME | 2021-06-28T06:00
2021-06-29 | The polls close at 8 p.m. Nov. 3. | 8 p.m. Nov. 3 | TIME | 2021-11-03T20:00
2021-06-29 | The siege lasted three days. | three days | DURATION | P3D
2021-06-29 | Rescuers worked for hours in the rubble. | hours | DURATION | PTXH
2021-06-29 | Just hours before the rocket fire, Blinken spoke. | hours | DURATION | PTXH
2021-06-29 | Prices have doubled in the past two weeks. | the past two weeks | DURATION | P2W
2021-06-29 | The talks lasted 18 months. | 18 months | DURATION | P18M
2021-06-29 | The country has been at war for a decade. | a decade | DURATION | P10Y
2021-06-29 | He was held for 24 hours. | 24 hours | DURATION | PT24H
2021-06-29 | They walked for twenty four hours. | twenty four hours | DURATION | PT24H
2021-06-29 | The program runs for twenty-five years. | twenty-five years | DURATION | P25Y
2021-06-29 | A two-year investigation found no wrongdoing. | two-year | DURATION | P2Y
2021-06-29 | The 10-hour operation ended at dawn. | 10-hour | DURATION | PT10H
2021-06-29 | A 30-day ceasefire was agreed. | 30-day | DURATION | P30D
2021-06-29 | The meeting lasted 45 minutes. | 45 minutes | DURATION | PT45M
2021-06-29 | The ship was detained for more than four hours. | more than four hours | DURATION | PT4H
2021-06-29 | The war lasted nearly forty years. | nearly forty years | DURATION | P40Y
2021-06-29 | The strike lasted almost two weeks. | almost two weeks | DURATION | P2W
2021-06-29 | Rebels held the town for about six months. | about six months | DURATION | P6M
2021-06-29 | They waited for several days. | several days | DURATION | PXD
2021-06-29 | The crisis has lasted a few weeks. | a few weeks | DURATION | PXW
2021-06-29 | Reconstruction will take a couple of years. | a couple of years | DURATION | P2Y
2021-06-29 | He spent 2 1/2 years in prison. | 2 1/2 years | DURATION | P2Y6M
2021-06-29 | The applause lasted a minute and a half. | a minute and a half | DURATION | PT1M30S
2021-06-29 | The flight took an hour and a half. | an hour and a half | DURATION | PT1H30M
2021-06-29 | The ban was extended for a year. | a year | DURATION | P1Y
2021-06-29 | The drill lasts half an hour. | half an hour | DURATION | PT30M
2021-06-29 | Sales fell in the first nine months. | the first nine months | DURATION | P9M
2021-06-29 | Unemployment rose over the last three months. | the last three months | DURATION | P3M
2021-06-29 | Exports will grow over the next five years. | the next five years | DURATION | P5Y
2021-06-29 | The fighting has displaced thousands in recent weeks. | recent weeks | DURATION | PXW
2021-06-29 | The family fled after months of bombing. | months | DURATION | PXM
2021-06-29 | The siege has lasted for weeks. | weeks | DURATION | PXW
2021-06-29 | Tensions have simmered for decades. | decades | DURATION | PXDE
2021-06-29 | The site has been sacred for centuries. | centuries | DURATION | PXCE
2021-06-29 | The search lasted two decades. | two decades | DURATION | P20Y
2021-06-29 | Rescue crews worked for 72 hours straight. | 72 hours | DURATION | PT72H
2021-06-29 | The troops will stay two more weeks. | two more weeks | DURATION | P2W
2021-06-29 | The talks lasted 90 seconds. | 90 seconds | DURATION | PT90S
2021-06-29 | The hospital treated him for a week. | a week | DURATION | P1W
2021-06-29 | He had been missing for the past day. | the past day | DURATION | P1D
2021-06-29 | Shares rose 3% over the past week. | the past week | DURATION | P1W
2021-06-29 | The offer is good for a fortnight. | a fortnight | DURATION | P1W
2021-06-29 | A year-long inquiry followed. | year-long | DURATION | P1Y
2021-06-29 | Within the last few months, prices jumped. | the last few months | DURATION | PXM
2021-06-29 | The storm lasted six hours. | six hours | DURATION | PT6H
2021-06-29 | Residents had only minutes to flee. | minutes | DURATION | PTXM
2021-06-29 | Protesters gather every Friday. | every Friday | SET | XXXX-WXX-5
2021-06-29 | The paper is published weekly. | weekly | SET | P1W
2021-06-29 | Patrols run daily along the border. | daily | SET | P1D
2000-01-28 | The Communist Party daily Granma compared the boy with revolutionary heroes. |  |  | 
2021-06-29 | The Israeli daily Haaretz reported the talks had stalled. |  |  | 
2021-06-29 | The daily said the minister would resign. |  |  | 
2021-06-29 | Officials did not give the daily tally of arrests. | daily | SET | P1D
2021-06-29 | The German weekly Der Spiegel published the memo. |  |  | 
1989-10-26 | Holders may buy shares at half the then current market price. | current | DATE | PAST_REF
2021-06-29 | The committee meets monthly. | monthly | SET | P1M
2021-06-29 | Inspections happen annually. | annually | SET | P1Y
2021-06-29 | Readings are taken hourly. | hourly | SET | PT1H
2021-06-29 | Convoys leave each Thursday. | each Thursday | SET | XXXX-WXX-4
2021-06-29 | Rockets are fired every day. | every day | SET | P1D
2021-06-29 | Elections are held every four years. | every four years | SET | P4Y
2021-06-29 | The pills are taken every other day. | every other day | SET | P2D
2021-06-29 | The festival is held each July. | each July | SET | XXXX-07
2021-06-29 | Flooding returns every spring. | every spring | SET | XXXX-SP
2021-06-29 | Guards change every morning. | every morning | SET | XXXX-XX-XXTMO
2021-06-29 | The board meets twice a year. | twice a year | SET | P1Y
2021-06-29 | The ferry sails once a week. | once a week | SET | P1W
2021-06-29 | Officials earn $5,000 a month. | a month | SET | P1M
2021-06-29 | Shelling is heard nightly. | nightly | SET | XXXX-XX-XXTNI
2021-06-29 | The market opens every weekend. | every weekend | SET | XXXX-WXX-WE
2021-06-29 | The pipeline carries 10 percent a year more oil. | a year | SET | P1Y
2021-06-29 | Drills take place every two weeks. | every two weeks | SET | P2W
2021-06-29 | Attacks have increased recently. | recently | DATE | PAST_REF
2021-06-29 | Such raids were common in the past. | the past | DATE | PAST_REF
2021-06-29 | The group now controls the city. | now | DATE | PRESENT_REF
2021-06-29 | The ministry is currently reviewing the case. | currently | DATE | PRESENT_REF
2021-06-29 | Talks may resume in the future. | the future | DATE | FUTURE_REF
2021-06-29 | An agreement is expected soon. | soon | DATE | FUTURE_REF
2021-06-29 | Prices will rise in the coming months. | the coming months | DATE | FUTURE_REF
2021-06-29 | Lately the fighting has eased. | Lately | DATE | PAST_REF
2021-06-29 | Nowadays the road is safe. | Nowadays | DATE | PRESENT_REF
2021-06-29 | The border is closed at present. | present | DATE | PRESENT_REF
2021-06-29 | These days few tourists visit. | These days | DATE | PRESENT_REF
2021-06-29 | Peace is not possible in the near future. | the near future | DATE | FUTURE_REF
2021-06-29 | The current crisis began in May. | current | DATE | PRESENT_REF
2021-06-29 | Shelling continued on Christmas Day. | Christmas Day | DATE | 2020-12-25
2021-06-29 | The deal should close by Christmas. | Christmas | DATE | 2021-12-25
2021-06-29 | Fireworks lit the sky on New Year's Eve. | New Year's Eve | DATE | 2020-12-31
2021-06-29 | The rally was held on Independence Day. | Independence Day | DATE | 2020-07-04
2021-06-29 | Stores were busy on Thanksgiving. | Thanksgiving | DATE | 2020-11-26
2021-06-29 | The siege lasted eleven days. | eleven days | DURATION | P11D
2021-06-29 | The ban will last ninety days. | ninety days | DURATION | P90D
2021-06-29 | They were held for thirty-six hours. | thirty-six hours | DURATION | PT36H
2021-06-29 | Troops stayed for one hundred days. | one hundred days | DURATION | P100D
2021-06-29 | He served twelve years in office. | twelve years | DURATION | P12Y
2021-06-29 | The vote falls on the twenty-first of June. | the twenty-first of June | DATE | 2021-06-21
2021-06-29 | The strike began on June 3rd. | June 3rd | DATE | 2021-06-03
2021-06-29 | He arrived on July the 4th. | July the 4th | DATE | 2021-07-04
2021-06-29 | The war ended in nineteen ninety-one. | nineteen ninety-one | DATE | 1991
2021-06-29 | The museum opened in the year two thousand. | the year two thousand | DATE | 2000
2021-06-29 | The group may retaliate. |  |  | 
2021-06-29 | They will march on the capital. |  |  | 
2021-06-29 | He scored 2,000 points. |  |  | 
2021-06-29 | The rocket carried 1500 kilograms. |  |  | 
2021-06-29 | The score was 3-1. |  |  | 
2021-06-29 | Sales rose 2014 percent. |  |  | 
2021-06-29 | She said she would sue. |  |  | 
2021-06-29 | The second bombing killed four. |  |  | 
2021-06-29 | Iran-backed militia groups claimed responsibility. |  |  | 
2021-06-29 | The fall in prices hurt farmers. |  |  | 
2021-06-29 | He lives at 1600 Pennsylvania Avenue. |  |  | 
- | Rebels shelled the town on Monday. | Monday | DATE | XXXX-WXX-1
- | The summit will be held on July 15. | July 15 | DATE | XXXX-07-15
- | Gunfire was heard last night. | last night | TIME | XXXX-XX-XXTNI
- | Troops came under fire on Monday night. | Monday night | TIME | XXXX-WXX-1TNI
- | The treaty was signed on 29 June 2021. | 29 June 2021 | DATE | 2021-06-29
- | The siege lasted three days. | three days | DURATION | P3D
2021-01-04 | The blast occurred on Dec. 30. | Dec. 30 | DATE | 2020-12-30
2021-12-28 | The talks will take place on Jan. 5. | Jan. 5 | DATE | 2022-01-05
2021-01-06 | The storm hit last week. | last week | DATE | 2020-W53
2021-01-04 | The fire started on Sunday. | Sunday | DATE | 2021-01-03
2021-01-04 | The vote is next Monday. | next Monday | DATE | 2021-01-11
2021-01-01 | The rally happened yesterday. | yesterday | DATE | 2020-12-31
2020-03-02 | Leap day fell last year on Feb. 29. | Feb. 29 | DATE | 2020-02-29
2021-01-15 | The summit happened in December. | December | DATE | 2020-12
2021-11-20 | Results will come in January. | January | DATE | 2022-01
2021-02-10 | Prices rose in the fourth quarter. | the fourth quarter | DATE | 2020-Q4
2021-06-29 | The thrift announced the plan Sept. 21. | Sept. 21 | DATE | 2020-09-21
2021-06-29 | The vote would be held on Dec. 24. | Dec. 24 | DATE | 2021-12-24
2021-06-29 | The work is to be completed by Sept. 15. | Sept. 15 | DATE | 2021-09-15
2021-06-29 | Trading is to resume in Paris Saturday. | Saturday | DATE | 2021-07-03
2021-06-29 | The new pact becomes effective Feb. 1. | Feb. 1 | DATE | 2022-02-01
2021-06-29 | The team planned to leave on Thursday. | Thursday | DATE | 2021-07-01
1989-10-27 | The company changed from a fiscal year to a calendar year in December. | December | DATE | 1988-12
2000-03-29 | The family vowed to fight on when the case is heard in May. | May | DATE | 2000-05
1998-08-17 | On Friday, when the minister cut short a holiday for the hastily planned trip, the warning was lifted. | Friday | DATE | 1998-08-14
2021-06-29 | On Thursday the scheduled flight was cancelled. | Thursday | DATE | 2021-06-24
2021-06-29 | The deadline was scheduled for Thursday. | Thursday | DATE | 2021-06-24
2021-06-29 | Earnings fell in the nine months to June. | the nine months | DURATION | P9M
2021-06-29 | Net income rose in the four days of trading. | the four days | DURATION | P4D
1989-11-02 | Profit fell in the third quarter. The company earned $5 million in the 1988 quarter. | the 1988 quarter | DATE | 1988-Q3
1989-11-02 | Profit fell in the third quarter. In the 1989 period, costs rose. | the 1989 period | DATE | 1989-Q3
1989-10-26 | In the 1988 third quarter, the company lost money. | the 1988 third quarter | DATE | 1988-Q3
1989-10-30 | Fourth-quarter charges will rise. In the latest quarter, Aetna lost $23 million. | the latest quarter | DATE | 1989-Q3
1989-11-02 | Revenue was $76 million for the year ended March 31. | the year | DURATION | P1Y
1989-11-02 | The stock rose to a high for the year of $42. | the year | DATE | 1989
1989-11-02 | The goal is a cut of $500 million by the end of the year. | the end of the year | DATE | 1989
1989-11-02 | They hope to complete the transaction by year-end. | year-end | DATE | 1989
1989-11-02 | Rules should be in place by year's end. | year's end | DATE | 1989
1998-03-06 | Sanctions were imposed after its 1990 invasion of Kuwait. | 1990 | DATE | 1990
1998-02-13 | He lost his 1996 campaign for re-election. | 1996 | DATE | 1996
2021-06-29 | She earned the year-end bonus. |  |  | 
2021-10-28 | Third-quarter profit rose. For the quarter a year ago, the bank earned $2 billion. | the quarter a year ago | DATE | 2020-Q3
2021-10-28 | Third-quarter profit rose, against $3 million for the corresponding period last year. | the corresponding period last year | DATE | 2020-Q3
2021-10-28 | Third-quarter revenue rose. Sales for last year's quarter were $9 million. | last year's quarter | DATE | 2020-Q3
2021-10-28 | The company posted third-quarter results. This quarter's loss includes a charge. | This quarter | DATE | 2021-Q3
2021-10-28 | The firm expects a fourth-quarter loss, it said this quarter. | this quarter | DATE | 2021-Q4
2021-10-28 | The airline shut its hub this past spring. | this past spring | DATE | 2021-SP
2021-10-28 | Shares fell this past week. | this past week | DATE | 2021-W42
2021-06-29 | We don't expect rates to rise in the near term. | the near term | DATE | FUTURE_REF
2021-06-29 | The move will help investors in the short term. | the short term | DATE | FUTURE_REF
2021-06-29 | The company pays down short-term debt. |  |  | 
2021-06-29 | Bonds will be sold at a later date. | a later date | DATE | FUTURE_REF
2021-06-29 | Funds may sell more in the weeks ahead. | the weeks ahead | DURATION | PXW
2021-06-29 | Markets are nervous right now. | right now | DATE | PRESENT_REF
2021-06-29 | The lease may be extended for an additional year. | an additional year | DURATION | P1Y
2021-06-29 | Mr. Smith, 52 years old, will become chairman. |  |  | 
2021-06-29 | The stock eased 1/8 to 31 7/8. |  |  | 
2021-06-29 | The summit will be held on April 24 and 25. | 25 | DATE | 2022-04-25
2021-06-29 | Leaders met on June 21 and 22 in Brussels. | 22 | DATE | 2021-06-22
2021-06-29 | The March accession enlarged the alliance. | March | DATE | 2021-03
2021-10-30 | The company plans to pay down the loan by February. | February | DATE | 2022-02
2021-02-13 | The airline said it would double its flights by August. | August | DATE | 2021-08
2021-04-03 | The group might arrive as soon as Tuesday, according to unconfirmed reports. | Tuesday | DATE | 2021-04-06
2021-10-26 | The dividend would be paid on a still unspecified date in January. | January | DATE | 2022-01
2021-11-02 | The company expects lower earnings for the fiscal year. | the fiscal year | DATE | 2021
2021-11-02 | In the fiscal year ended Jan. 31, the chain earned $3 million. | the fiscal year | DURATION | P1Y
2021-11-02 | It expects sales in the current fiscal year to rise. | the current fiscal year | DATE | 2021
2021-11-02 | The chief executive forecast a gain for the full year. | the full year | DATE | 2021
2021-10-26 | The bank lost money in the fiscal-first quarter ended Sept. 30. | the fiscal-first quarter | DATE | 2021-Q1
2021-10-30 | The lenders extended credit lines through January. | January | DATE | 2022-01
2021-10-30 | Sales this year through August rose 4%. | August | DATE | 2021-08
2021-10-30 | The offer runs until February. | February | DATE | 2022-02
2021-06-29 | Analysts were predicting 2022 earnings of $3 a share. | 2022 | DATE | 2022
2021-06-29 | He lost his unsuccessful 2016 campaign for the Senate. | 2016 | DATE | 2016
2021-06-29 | The company hired 2000 employees. |  |  | 
2021-06-29 | Some 1950 refugees crossed the border. |  |  | 
2021-06-29 | Then, a week or so ago, the general picked a date. | a week or so ago | DATE | 2021-W25
2021-06-29 | The move comes barely a month after the strike. | barely a month | DURATION | P1M
2021-06-29 | She married him when he was in his 30s. |  |  | 
2021-06-29 | The actor, in her late 40s, retired. |  |  | 
2021-06-29 | Funds account for more than a quarter of the market. |  |  | 
2021-06-29 | The firm returned to profit after several quarters of losses. | several quarters | DURATION | PXQ
2021-06-29 | Losses will cut tax payments in future quarters. | future quarters | DATE | FUTURE_REF
2021-06-29 | It doesn't bode well for coming quarters. | coming quarters | DATE | FUTURE_REF
2021-06-29 | The minister said on ABC's \"This Week\" that talks would resume. |  |  | 
2021-06-29 | He told CBS's \"60 Minutes\" he had no regrets. |  |  | 
2021-06-29 | The poster showed Gary Cooper in \"High Noon.\" |  |  | 
2021-06-29 | The talks resume this week. | this week | DATE | 2021-W26
2021-06-29 | The case matters for today's youth. |  |  | 
2021-06-29 | Today's vote was delayed. | Today | DATE | 2021-06-29
2021-06-10 | The goal is to deploy the troops by the end of the month. | the end of the month | DATE | 2021-06
2021-06-10 | Markets will stay closed for the rest of the week. | the week | DATE | 2021-W23
2021-06-29 | Residents will have to live without power for a while. | a while | DURATION | PXX
2021-02-10 | Wages rose in January, 3.8 percent higher than a year earlier. | a year earlier | DATE | 2020
2021-06-29 | The strike hit on June 20, 2019; a year later the plant reopened. | a year later | DATE | 2020
2021-06-29 | The talks opened on March 3, 2020, and a month later they collapsed. | a month later | DATE | 2020-04
2021-10-25 | Attacks in January, a week after the anniversary of the ruling. | January | DATE | 2021-01
2021-11-25 | Sales in January: up 4%. | January | DATE | 2022-01
2013-03-14 | The attack happened a little after 10 p.m. local time on Saturday. | 10 p.m. local time | TIME | 2013-03-09T22:00
2013-03-14 | Police arrived at 9:30 a.m. on March 2. | 9:30 a.m. | TIME | 2013-03-02T09:30
2013-03-14 | The bill passed in the early hours of Friday. | Friday | DATE | 2013-03-08
2013-03-14 | By the end of the decade, output will double. | the end of the decade | DATE | 201
2013-03-14 | The rover landed on Mars in August last year. | August | DATE | 2012-08
2013-03-14 | The talks began in February this year. | February | DATE | 2013-02
2013-03-14 | They will join the alliance in April next year. | April | DATE | 2014-04
2013-03-14 | The plan was approved in early October this year. | early October | DATE | 2013-10
2021-10-28 | In the year-ago third quarter, the company earned $22 million. | the year-ago third quarter | DATE | 2020-Q3
2021-10-28 | Third-quarter profit rose. The year-ago results were restated. | year-ago | DATE | 2020-Q3
2021-10-28 | Spending fueled much of the third-quarter growth. | third-quarter | DATE | 2021-Q3
2021-10-28 | Shares fell after the third quarter ended. | the third quarter | DATE | 2021-Q3
2021-03-04 | Women's Day is this coming Monday, March eighth. | this coming Monday, March eighth | DATE | 2021-03-08
2021-03-04 | The rally is this coming Saturday. | this coming Saturday | DATE | 2021-03-06
2021-06-29 | Stocks lagged for eight trading days after the crash. | eight trading days | DURATION | P8D
2021-06-29 | The refund arrives within three business days. | three business days | DURATION | P3D
2021-06-29 | Rates may rise over the next two years or so. | the next two years or so | DURATION | P2Y
2021-06-29 | Shipments will resume within two to three weeks. | two to three weeks | DURATION | PXW
2021-06-29 | Acquisitions will be made during the next 12 to 18 months. | the next 12 to 18 months | DURATION | PXM
2021-06-29 | The index rose 5 to 10 percent. |  |  | 
2021-06-29 | Earnings will be lower for the last half of 2021. | the last half of 2021 | DATE | 2021-H2
2021-06-29 | Sales slowed in the last quarter of 2020. | the last quarter of 2020 | DATE | 2020-Q4
2021-06-29 | In London at mid-afternoon yesterday, shares were up. | mid-afternoon yesterday | TIME | 2021-06-28TAF
2021-06-29 | The raid came in an early-morning Sunday operation. | early-morning Sunday | TIME | 2021-06-27TMO
2021-10-26 | The ad will run from now to Election Day. | Election Day | DATE | 2021-11-02
2020-10-20 | Voters go to the polls on Election Day. | Election Day | DATE | 2020-11-03
2021-06-29 | Beaches were crowded over Memorial Day. | Memorial Day | DATE | 2021-05-31
2021-06-29 | The strike will start after Labor Day. | Labor Day | DATE | 2021-09-06
2021-06-29 | The election day was quiet. |  |  | 
2021-06-29 | The doctor was shot on June 20. His name was crossed out that same day. | that same day | DATE | 2021-06-20
2021-10-30 | In the quarter ended July 31, the retailer lost money. | the quarter | DATE | 2021-Q2
2021-10-30 | Sales rose in the quarter that ended Sept. 30. | the quarter | DATE | 2021-Q3
2021-10-26 | Profit rose in the fiscal first quarter. Sales for the quarter ended Sept. 29 rose 39%. | the quarter | DATE | 2021-Q1
2021-06-29 | Kidnappings have soared in recent years. | recent years | DATE | PAST_REF
2021-06-29 | It financed the takeover boom of recent years. | recent years | DATE | PAST_REF
2021-06-29 | There were sell-offs in past years, too. | past years | DATE | PAST_REF
2021-06-29 | Clashes have intensified in recent weeks. | recent weeks | DURATION | PXW
2021-06-29 | Sales fell over the past years of the war. | the past years | DURATION | PXY
2021-07-01 | They would fight Monday's ruling in a higher court. | Monday | DATE | 2021-06-28
2021-07-02 | Lawyers said they would seek to overturn Wednesday's ruling. | Wednesday | DATE | 2021-06-30
2021-06-29 | Officials postponed until Thursday any action on the permit. | Thursday | DATE | 2021-07-01
2021-06-29 | The agency extended its deadline until 9 a.m. Friday. | 9 a.m. Friday | TIME | 2021-07-02T09:00
2021-06-29 | The rebels held the town until Friday, when they fled. | Friday | DATE | 2021-06-25
2021-06-29 | The talks are set to resume Monday in Belfast. | Monday | DATE | 2021-07-05
2021-06-29 | The envoy is due to arrive Friday. | Friday | DATE | 2021-07-02
2021-06-29 | The offer had been due to expire Friday evening. | Friday evening | TIME | 2021-06-25TEV
2021-06-29 | The convoy left at 4 in the morning. | 4 in the morning | TIME | 2021-06-29T04:00
2021-06-29 | The curfew starts at 9 in the evening. | 9 in the evening | TIME | 2021-06-29T21:00
2021-06-29 | Shelling resumed at 11 o'clock at night. | 11 o'clock at night | TIME | 2021-06-29T23:00
2021-06-29 | Rebels killed 4 in the morning raid on the base. |  |  | 
2021-06-29 | He was probably killed soon after being captured. |  |  | 
2021-06-29 | For the people of Poland, high noon comes today. | today | DATE | 2021-06-29
2021-06-29 | Prosecutors may soon seek an indictment. | soon | DATE | FUTURE_REF
1991-02-25 | Iraq was ready to withdraw.\" Now, he says, \"it looks like the West wanted war.\" |  |  | 
2021-06-29 | Now for today's geography quiz. | today | DATE | 2021-06-29
2021-06-29 | The embassy is now operating out of a hotel. | now | DATE | PRESENT_REF
2021-10-28 | Third-quarter profit rose. For the nine months, net was $254 million, up from $163 million a year earlier. | a year earlier | DATE | 2020
2021-10-28 | Third-quarter profit rose. In the first nine months, sales fell 5% from a year ago. | a year ago | DATE | 2020
2021-10-28 | In the first nine months, sales fell. Third-quarter net rose 9% from a year earlier. | a year earlier | DATE | 2020-Q3
2021-10-28 | Third-quarter profit rose. For the nine months, net was $254 million. | the nine months | DURATION | P9M
2021-06-29 | Thousands of families sought shelter on Thursday. | Thursday | DATE | 2021-06-24
2021-06-29 | The army withdrew its tanks on Thursday. | Thursday | DATE | 2021-06-24
2021-06-29 | The slump will last through the first two quarters of 2022. | the first two quarters of 2022 | DATE | 2022-H1
2021-06-29 | Margins improved in the last two quarters of 2020. | the last two quarters of 2020 | DATE | 2020-H2
2021-06-29 | Sales fell in the first two quarters. | the first two quarters | DURATION | P2Q
2021-06-29 | Analysts say Islam will one day be the second largest religion in the country. | one day | DATE | FUTURE_REF
2021-06-29 | The exiles say they must one day go home. | one day | DATE | FUTURE_REF
2021-06-29 | The truce shall last ninety days. | ninety days | DURATION | P90D
2021-06-29 | He hopes to some day return to his village. | some day | DATE | FUTURE_REF
2021-06-29 | The minister had been in the job only one day. | one day | DURATION | P1D
2021-06-29 | Delegates went to one day of talks. | one day | DURATION | P1D
2021-06-29 | The chip runs at 15 million instructions per second. |  |  | 
2021-06-29 | Winds reached 120 miles per hour. |  |  | 
2021-06-29 | The field pumps 300,000 barrels per day. | per day | SET | P1D
2021-03-30 | The pope will celebrate Easter in an empty basilica. | Easter | DATE | 2021-04-04
2021-04-06 | Churches were full on Good Friday. | Good Friday | DATE | 2021-04-02
2021-04-06 | Traffic was light on Easter Monday. | Easter Monday | DATE | 2021-04-05
2000-04-17 | Protesters prayed as Easter week began. | Easter week | DATE | 2000-W16
2021-06-29 | The ship sailed on to Easter Island. |  |  | 
2021-02-06 | Stocks closed within 70 points of the record high set on Aug. 6. | Aug. 6 | DATE | 2020-08-06
2021-06-29 | The runoff vote is set for Aug. 6. | Aug. 6 | DATE | 2021-08-06
";

fn tag(sentence: &str, anchor: Option<CalendarDate>) -> Vec<Time> {
    let frame = Frame::default();
    let segmented = segment::segment(sentence);
    let context = Context {
        text: sentence,
        frame: &frame,
        segmented: &segmented,
        dct: anchor,
    };
    times::tag(&context)
}

#[test]
fn table_of_expressions() {
    let mut failures = Vec::new();
    let mut n_cases = 0;
    for line in CASES.lines().filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert_eq!(fields.len(), 5, "malformed row: {line}");
        let (anchor, sentence, span, time_type, value) =
            (fields[0], fields[1], fields[2], fields[3], fields[4]);
        n_cases += 1;
        let found = tag(sentence, CalendarDate::parse(anchor));
        if span.is_empty() {
            if !found.is_empty() {
                failures.push(format!("{sentence:?}: expected nothing, got {found:?}"));
            }
            continue;
        }
        let Some(start) = sentence.find(span) else {
            failures.push(format!(
                "{sentence:?}: span {span:?} is not in the sentence"
            ));
            continue;
        };
        let end = start + span.len();
        let Some(time) = found
            .iter()
            .find(|time| time.start < end && start < time.end)
        else {
            failures.push(format!("{sentence:?}: {span:?} not found (got {found:?})"));
            continue;
        };
        let got_type = serde_json::to_value(time.time_type).unwrap();
        if time.text != span || got_type != time_type || time.value != value {
            failures.push(format!(
                "{sentence:?}: expected {span:?} {time_type} {value}, got {:?} {got_type} {}",
                time.text, time.value
            ));
        }
    }
    assert!(n_cases >= 300, "only {n_cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {n_cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
